package io.deltasql.testing;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Both stores under test for a whole test class ({@link TestStore} of each kind), for suites
 * parameterised by {@link StoreKind}. Register on a static field.
 */
public final class TestStores implements BeforeAllCallback, AfterAllCallback {
    private final Map<StoreKind, TestStore> stores = new EnumMap<>(StoreKind.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        for (StoreKind kind : StoreKind.values()) {
            stores.put(kind, TestStore.open(kind));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stores.values().forEach(TestStore::close);
        stores.clear();
    }

    public TestStore get(StoreKind kind) {
        return stores.get(kind);
    }

    /** See {@link TestStore#uri}. */
    public String uri(StoreKind kind, String group, String table) {
        return get(kind).uri(group, table);
    }

    public Path sqliteFile(String group) {
        return get(StoreKind.SQLITE).sqliteFile(group);
    }

    public PgDatabase postgres() {
        return get(StoreKind.POSTGRES).postgres();
    }
}
