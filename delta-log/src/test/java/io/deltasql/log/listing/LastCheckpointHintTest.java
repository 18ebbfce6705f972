package io.deltasql.log.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.SharedTables;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code _last_checkpoint} in every dialect the shared tables have: read leniently, never fatal. */
class LastCheckpointHintTest {

    private static java.util.Optional<LastCheckpointHint> hint(String table) throws Exception {
        Path log = SharedTables.table(table).resolve("_delta_log");
        try (LogStorage storage = new LocalLogStorage()) {
            return LastCheckpointHint.read(storage, storage.stat(log.resolve("_last_checkpoint").toString()));
        }
    }

    @Test
    void emptyFileIsNoHint() throws Exception {
        assertThat(hint("corrupted-last-checkpoint-kernel")).isEmpty();
    }

    @Test
    void deltaRsDialectWithSizeInBytes() throws Exception {
        assertThat(hint("table-failed-last-checkpoint-update")).get()
                .satisfies(h -> assertThat(h.version()).isEqualTo(1));
    }

    @Test
    void partsNull() throws Exception {
        assertThat(hint("checkpoint-with-partitions")).get().satisfies(h -> {
            assertThat(h.version()).isEqualTo(2);
            assertThat(h.parts()).isNull();
        });
    }

    @Test
    void multiPartAndV2() throws Exception {
        assertThat(hint("multi-part-checkpoint")).get().satisfies(h -> assertThat(h.parts()).isEqualTo(2));
        assertThat(hint("v2-classic-checkpoint-parquet")).get().satisfies(h -> assertThat(h.v2Path()).isNotNull());
    }
}
