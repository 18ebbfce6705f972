package io.deltasql.reader;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Path;

/** A full import, as {@code deltasql import} runs it: delta-log plans and streams every version, the store's writer applies them. */
final class Imports {
    private Imports() {
    }

    /** Imports the table at {@code dir} into {@code uri}; returns the head. */
    static long importTable(Path dir, String uri) {
        try (DeltaLog log = DeltaLog.openLocal(dir.toString());
             MetadataStore store = Stores.connect(Stores.parse(uri, PgDatabase.env(), null))) {
            VersionPlan plan = log.plan(0, null, false);
            RegisteredTable table = store.register(Stores.parse(uri, PgDatabase.env(), null).table(), log.location(), false);
            try (VersionWriter writer = store.writer(table, WriterOptions.defaults())) {
                writer.applyAll(log.versions(plan));
                return writer.head();
            }
        }
    }
}
