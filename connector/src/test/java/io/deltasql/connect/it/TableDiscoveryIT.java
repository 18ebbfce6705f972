package io.deltasql.connect.it;

import static io.deltasql.connect.it.ConnectFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that names a root instead of tables (issue 17): 20 tables under it found and spread over 3 tasks on
 * 2 workers; one worker stopped, every table keeps syncing on the other; a table created later is found by the
 * connector's scan and reaches PostgreSQL; a table the exclude pattern names never does.
 */
class TableDiscoveryIT {
    private static final int TABLES = 20;

    @TempDir
    static Path root;
    static ConnectFixture it;

    @BeforeAll
    static void startCluster() throws Exception {
        it = ConnectFixture.start("deltasql-discovery-it", Map.of());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (it != null) {
            it.close();
        }
    }

    @Test
    void twentyTablesUnderARootOnTwoWorkersOneStoppedAndOneCreatedLater() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TABLES; i++) {
            String dir = (i % 2 == 0 ? "sales" : "hr") + "/t" + String.format("%02d", i);
            SharedTables.copyAs("simple-table", root.resolve(dir));
            names.add(dir.replace('/', '.'));
        }
        SharedTables.copyAs("simple-table", root.resolve("tmp/scratch")); // excluded below
        Files.createDirectories(root.resolve("_internal/not-a-table/_delta_log")); // '_' directories are never looked into
        WorkerHandle first = it.connect.workers().iterator().next();
        it.connect.addWorker();

        it.connect.configureConnector("root-source", ConnectFixture.sourceConfig("dr", "", Map.of(
                "delta.root", uri(root), "delta.root.exclude", "tmp/**", "delta.root.scan.interval.ms", "1000",
                "tasks.max", "3")));
        it.startSink("root-sink", "dr", Map.of("tasks.max", "3"));
        it.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("root-source", 3, "3 source tasks");
        for (String name : names) {
            it.awaitHead(name, 4);
        }
        Set<String> workers = new TreeSet<>();
        it.connect.connectorStatus("root-source").tasks().forEach(t -> workers.add(t.workerId()));
        it.connect.connectorStatus("root-sink").tasks().forEach(t -> workers.add(t.workerId()));
        assertThat(workers).as("the tasks run on both workers").hasSize(2);

        // One worker stops: its tasks move to the other, and every table keeps syncing.
        it.connect.removeWorker(first);
        for (int i = 0; i < TABLES; i++) {
            String dir = (i % 2 == 0 ? "sales" : "hr") + "/t" + String.format("%02d", i);
            SharedTables.appendCommit(root.resolve(dir), 5, 2);
        }
        long t0 = System.nanoTime();
        for (String name : names) {
            it.awaitHead(name, 5);
        }
        long movedMs = (System.nanoTime() - t0) / 1_000_000;

        // A table created under the root while the connector runs: found by the next scan, its tasks reconfigured.
        long t1 = System.nanoTime();
        SharedTables.copyAs("simple-table", root.resolve("sales/t20"));
        it.awaitHead("sales.t20", 4);
        long newTableMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("DISCOVERY %d tables under a root, 3 tasks on 2 workers: after one worker stopped, a commit to "
                + "each reached PostgreSQL within %d ms; a table created later: %d ms (scan every 1 s; load average %s)%n",
                TABLES, movedMs, newTableMs, DeltaSqlConnectorsIT.loadAverage());

        it.assertMirrors("sales.t00", root.resolve("sales/t00"));
        it.assertMirrors("hr.t19", root.resolve("hr/t19"));
        assertThat(it.store.find("tmp.scratch")).as("excluded").isEmpty();
        assertThat(it.store.find("_internal.not-a-table")).isEmpty();
        ConnectorStateInfo status = it.connect.connectorStatus("root-source");
        assertThat(status.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        it.delete("root-source", "root-sink");
    }
}
