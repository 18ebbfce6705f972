package io.deltasql.store;

import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.PgTestDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import io.deltasql.testing.TestStores;

/** Store targets of the test fixtures (test-support knows URIs only: it depends on no deltasql module). */
public final class Targets {
    private Targets() {
    }

    public static PgTarget pg(PgTestDatabase db, String schema, String table) {
        return PgTarget.parse(db.uri(schema, table), PgDatabase.env());
    }

    /** Table {@code t} in schema {@code public}. */
    public static PgTarget pg(PgTestDatabase db) {
        return pg(db, "public", "t");
    }

    /** Table {@code t} in group {@code public} of the store under test. */
    public static StoreTarget of(TestStore store) {
        return Stores.parse(store.uri("public", "t"), PgDatabase.env(), null);
    }

    public static StoreTarget of(TestStores stores, StoreKind kind, String group, String table) {
        return Stores.parse(stores.uri(kind, group, table), PgDatabase.env(), null);
    }
}
