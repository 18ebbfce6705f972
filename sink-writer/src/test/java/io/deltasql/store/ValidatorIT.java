package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.LiveFileKeys;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.store.validate.ComparedSnapshot;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.testing.PgTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Validator notices and names what differs when the SQL side is tampered with. */
class ValidatorIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    @Test
    void reportsEveryDifferenceWithFigures() throws Exception {
        String name = "cdf-table-with-cdc-and-dvs"; // has .crc files and deletion vectors
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(name).toString());
             MetadataStore store = Stores.connect(Targets.pg(db, "delta", name))) {
            RegisteredTable t = store.register(name, log.location(), false);
            try (VersionWriter w = store.writer(t)) {
                w.applyAll(log.versions(log.plan(0, null, false)));
            }
            long head = store.queries().head(t);
            assertThat(log.checksum(head)).isPresent();
            ValidationReport clean = Validator.compare(name, log.snapshot(head), store.queries().latest(t), log.checksum(head));
            assertThat(clean.passed()).as(clean.render()).isTrue();
            assertThat(slim(name, log, store, t, head).render()).as("the slim, streamed sides report the same").isEqualTo(clean.render());
            assertThat(clean.checks()).extracting(ValidationReport.Check::name)
                    .contains("version", "live files", "total size (bytes)", "schema", "protocol", "(path, dv id) set",
                            "file sizes", "partition columns", "configuration", ".crc numFiles", ".crc tableSizeBytes");

            String victim;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET search_path = delta");
                try (var rs = s.executeQuery("SELECT path FROM dl_add_files WHERE removed_version IS NULL ORDER BY path LIMIT 1")) {
                    rs.next();
                    victim = rs.getString(1);
                }
                s.executeUpdate("DELETE FROM dl_add_files WHERE path = '" + victim.replace("'", "''") + "' AND removed_version IS NULL");
                // a size-only difference must name its file
                s.executeUpdate("UPDATE dl_add_files SET size = size + 1 WHERE removed_version IS NULL AND path = "
                        + "(SELECT max(path) FROM dl_add_files WHERE removed_version IS NULL)");
                s.executeUpdate("UPDATE dl_metadata_updates SET configuration = configuration || '{\"x\":\"1\"}' WHERE superseded_version IS NULL");
            }
            ValidationReport bad = Validator.compare(name, log.snapshot(head), store.queries().latest(t), log.checksum(head));
            assertThat(bad.passed()).isFalse();
            assertThat(bad.failures()).extracting(ValidationReport.Check::name)
                    .containsExactlyInAnyOrder("live files", "total size (bytes)", "(path, dv id) set", "file sizes",
                            "configuration", ".crc numFiles", ".crc tableSizeBytes");
            assertThat(bad.render()).contains("✗ (path, dv id) set").contains("1 only in the log:").contains(victim)
                    .contains("✗ file sizes").contains("1 files differ in size:")
                    .contains("✓ schema").contains("FAILED (7 of 11 checks)");
            assertThat(slim(name, log, store, t, head).render()).isEqualTo(bad.render());
        }
    }

    /** What the CLI compares: the log's fingerprint replay against the store's streamed snapshot. */
    private static ValidationReport slim(String name, DeltaLog log, MetadataStore store, RegisteredTable t, long head) {
        ComparedSnapshot logSide = ComparedSnapshot.ofLog(head, log.replay(head, new LiveFileSizes()),
                (picked, limit) -> log.replay(head, new LiveFileKeys(picked)).first(limit));
        return Validator.compare(name, logSide, ComparedSnapshot.ofStore(store.queries(), t, head), log.checksum(head));
    }
}
