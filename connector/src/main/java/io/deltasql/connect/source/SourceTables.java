package io.deltasql.connect.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables a source connector tails: those of {@code delta.tables}, then those found under {@code delta.root}
 * (a listed name or location wins over a found one). With a root, a thread of the connector's own lists it again
 * every {@code delta.root.scan.interval.ms} and calls {@code onChange} when the set differs, so that Connect
 * asks for the task configs again and spreads the new set over the tasks. A failed scan keeps the set known.
 */
final class SourceTables implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceTables.class);

    private final List<TableSpec> listed;
    private final TableDiscovery discovery;
    private final ScheduledExecutorService scanner;
    private volatile List<TableSpec> current;

    private SourceTables(List<TableSpec> listed, TableDiscovery discovery, ScheduledExecutorService scanner) {
        this.listed = listed;
        this.discovery = discovery;
        this.scanner = scanner;
    }

    /** The tables now; with a root, a first scan (whose failure fails the start) and a scanning thread. */
    static SourceTables start(DeltaSourceConfig config, String connector, Runnable onChange) {
        List<TableSpec> listed = config.tables();
        if (config.root() == null) {
            SourceTables t = new SourceTables(listed, null, null);
            t.current = listed;
            return t;
        }
        TableDiscovery discovery = TableDiscovery.open(config);
        ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "deltasql-table-scan-" + connector);
            thread.setDaemon(true);
            return thread;
        });
        SourceTables t = new SourceTables(listed, discovery, scanner);
        try {
            t.current = t.merge(discovery.find());
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        LOG.info("{}: {} tables ({} under {})", connector, t.current.size(), t.current.size() - listed.size(),
                discovery.root());
        long interval = config.rootScanIntervalMs();
        scanner.scheduleWithFixedDelay(() -> t.rescan(connector, onChange), interval, interval, TimeUnit.MILLISECONDS);
        return t;
    }

    List<TableSpec> current() {
        return current;
    }

    private void rescan(String connector, Runnable onChange) {
        try {
            List<TableSpec> now = merge(discovery.find());
            List<TableSpec> before = current;
            if (!now.equals(before)) {
                List<TableSpec> added = new ArrayList<>(now);
                added.removeAll(before);
                List<TableSpec> gone = new ArrayList<>(before);
                gone.removeAll(now);
                LOG.info("{}: tables under {} changed: {} new {}, {} gone {}; spreading {} tables over the tasks again",
                        connector, discovery.root(), added.size(), names(added), gone.size(), names(gone), now.size());
                current = now;
                onChange.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: {}; keeping the {} tables known, next scan in delta.root.scan.interval.ms", connector,
                    e.getMessage(), current.size());
        }
    }

    private List<TableSpec> merge(List<TableSpec> found) {
        List<TableSpec> all = new ArrayList<>(listed);
        Set<String> names = new HashSet<>();
        Set<String> locations = new HashSet<>();
        listed.forEach(t -> {
            names.add(t.name());
            locations.add(t.location());
        });
        for (TableSpec t : found) {
            if (!locations.contains(t.location()) && names.add(t.name())) {
                all.add(t);
            }
        }
        return List.copyOf(all);
    }

    private static List<String> names(List<TableSpec> tables) {
        return tables.stream().map(TableSpec::name).limit(20).toList();
    }

    @Override
    public void close() {
        if (scanner != null) {
            scanner.shutdownNow();
            try {
                scanner.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (discovery != null) {
            discovery.close();
        }
    }
}
