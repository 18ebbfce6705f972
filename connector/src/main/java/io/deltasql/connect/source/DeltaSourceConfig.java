package io.deltasql.connect.source;

import io.deltasql.connect.Validators;
import io.deltasql.storage.StorageSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link DeltaLogSourceConnector}; every key is fully described for the REST API and the docs. */
public final class DeltaSourceConfig extends AbstractConfig {
    public static final String TABLES = "delta.tables";
    public static final String ROOT = "delta.root";
    public static final String ROOT_INCLUDE = "delta.root.include";
    public static final String ROOT_EXCLUDE = "delta.root.exclude";
    public static final String ROOT_MAX_DEPTH = "delta.root.max.depth";
    public static final String ROOT_SCAN_INTERVAL_MS = "delta.root.scan.interval.ms";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String START_MODE = "start.mode";
    public static final String UP_TO_VERSION = "up.to.version";
    public static final String MAX_RECORDS_PER_POLL = "max.records.per.poll";
    /** Pass-through to the storage layer: {@code storage.fs.s3a.endpoint}, {@code storage.s3.path-style}, … */
    public static final String STORAGE_PREFIX = "storage.";

    /** Set by the connector for each task: the subset of {@link #TABLES} the task tails. */
    static final String TASK_TABLES = "task.tables";

    private static final String GROUP_TABLES = "Tables";
    private static final String GROUP_TOPICS = "Topics";
    private static final String GROUP_READING = "Reading";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TABLES, Type.LIST, "", tablesValidator(), Importance.HIGH,
                    "The Delta tables to tail, as a comma-separated list of name=location "
                            + "(e.g. orders=s3a://lake/orders,users=file:///data/users). The name becomes the topic "
                            + "suffix and the SQL table name; the location is any path delta-log reads "
                            + "(file, s3a, gs, abfs). Tables are spread over tasks.max tasks. Set this, delta.root, "
                            + "or both.",
                    GROUP_TABLES, 1, Width.LONG, "Delta tables")
            .define(ROOT, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyStringWithoutControlChars()),
                    Importance.HIGH,
                    "A directory under which every Delta table is tailed (e.g. s3a://lake/warehouse): each "
                            + "directory holding a _delta_log/, down to delta.root.max.depth levels, is a table named "
                            + "after its path relative to the root with '/' as '.' (sales/orders becomes table "
                            + "sales.orders, topic <topic.prefix>.sales.orders). Tables created later are picked up "
                            + "within delta.root.scan.interval.ms, and the tables are spread over tasks.max tasks "
                            + "again whenever the set changes. A table also listed in delta.tables keeps that name.",
                    GROUP_TABLES, 2, Width.LONG, "Root of Delta tables")
            .define(ROOT_INCLUDE, Type.LIST, "", globsValidator(), Importance.MEDIUM,
                    "Only the tables under delta.root whose relative path matches one of these globs (comma-"
                            + "separated; '*' within one directory level, '**' across levels, e.g. sales/*,hr/**); "
                            + "empty: every table.",
                    GROUP_TABLES, 3, Width.LONG, "Root: include")
            .define(ROOT_EXCLUDE, Type.LIST, "", globsValidator(), Importance.MEDIUM,
                    "Tables under delta.root whose relative path matches one of these globs are left out, even "
                            + "when included (e.g. **/tmp_*,staging/**).",
                    GROUP_TABLES, 4, Width.LONG, "Root: exclude")
            .define(ROOT_MAX_DEPTH, Type.INT, 3, ConfigDef.Range.between(1, 20), Importance.LOW,
                    "How many directory levels below delta.root a table may be (warehouse/orders is 1, "
                            + "warehouse/sales/orders 2). Each level costs one listing per directory at each scan.",
                    GROUP_TABLES, 5, Width.SHORT, "Root: max depth")
            .define(ROOT_SCAN_INTERVAL_MS, Type.LONG, 30_000L, ConfigDef.Range.between(1_000L, 86_400_000L),
                    Importance.MEDIUM,
                    "How often the connector lists delta.root again for tables created (or removed) since: a new "
                            + "table is tailed within about this delay (plus a task restart). A failed listing keeps "
                            + "the tables known and is retried at the next scan.",
                    GROUP_TABLES, 6, Width.SHORT, "Root: scan interval (ms)")
            .define(TOPIC_PREFIX, Type.STRING, "deltasql", topicPrefixValidator(), Importance.HIGH,
                    "Records of table <name> go to topic <topic.prefix>.<name>, always partition 0, so that "
                            + "the actions of a table stay in order whatever the topic's partition count.",
                    GROUP_TOPICS, 1, Width.MEDIUM, "Topic prefix")
            .define(START_MODE, Type.STRING, "full", ConfigDef.CaseInsensitiveValidString.in("full", "checkpoint"),
                    Importance.MEDIUM,
                    "Where a table with no stored offset starts: 'full' emits every commit from version 0 "
                            + "(from the oldest checkpoint where early commits were cleaned up); 'checkpoint' emits "
                            + "the newest checkpoint as one base version, then the commits after it.",
                    GROUP_READING, 1, Width.SHORT, "Start mode",
                    new ConfigDef.Recommender() {
                        @Override
                        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                            return List.of("full", "checkpoint");
                        }

                        @Override
                        public boolean visible(String name, Map<String, Object> parsedConfig) {
                            return true;
                        }
                    })
            .define(POLL_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.between(10L, 3_600_000L), Importance.MEDIUM,
                    "How often an idle table's _delta_log is listed for new commits (one small listing after "
                            + "the last version read). A new commit appears in Kafka within about this delay.",
                    GROUP_READING, 2, Width.SHORT, "Poll interval (ms)")
            .define(MAX_RECORDS_PER_POLL, Type.INT, 2000, ConfigDef.Range.between(1, 1_000_000), Importance.MEDIUM,
                    "At most this many records (actions) are returned by one poll. A large version, such as a "
                            + "checkpoint of a million files, is streamed over many polls and never held in memory.",
                    GROUP_READING, 3, Width.SHORT, "Max records per poll")
            .define(UP_TO_VERSION, Type.LONG, null, optionalNonNegative(), Importance.LOW,
                    "Stop after this version (inclusive) and then stay idle; empty to follow the table forever.",
                    GROUP_READING, 4, Width.SHORT, "Up to version");

    public DeltaSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** The tables listed in {@link #TABLES} (perhaps none when {@link #ROOT} is set). */
    public List<TableSpec> tables() {
        return TableSpec.parseAll(getList(TABLES), true);
    }

    /** {@link #ROOT}, or null. */
    public String root() {
        String root = getString(ROOT);
        return root == null || root.isBlank() ? null : root.trim();
    }

    public List<String> rootInclude() {
        return getList(ROOT_INCLUDE);
    }

    public List<String> rootExclude() {
        return getList(ROOT_EXCLUDE);
    }

    public int rootMaxDepth() {
        return getInt(ROOT_MAX_DEPTH);
    }

    public long rootScanIntervalMs() {
        return getLong(ROOT_SCAN_INTERVAL_MS);
    }

    /** The tables assigned to this task (all tables when not set, e.g. in tests). */
    public List<TableSpec> taskTables() {
        Object assigned = originals().get(TASK_TABLES);
        if (assigned == null) {
            return tables();
        }
        List<String> entries = List.of(assigned.toString().split("\n"));
        return TableSpec.parseAll(entries, false);
    }

    public String topicFor(TableSpec table) {
        return getString(TOPIC_PREFIX) + "." + table.name();
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS);
    }

    public StartMode startMode() {
        return StartMode.valueOf(getString(START_MODE).toUpperCase(Locale.ROOT));
    }

    public Long upToVersion() {
        return getLong(UP_TO_VERSION);
    }

    public int maxRecordsPerPoll() {
        return getInt(MAX_RECORDS_PER_POLL);
    }

    /** {@code storage.*} keys, prefix removed: raw Hadoop keys or delta-log's short names (s3.endpoint, …). */
    public StorageSettings storage() {
        return StorageSettings.fromPrefixed(originalsStrings(), STORAGE_PREFIX);
    }

    /**
     * Checks that involve more than one key or go beyond a single value's syntax; each message is
     * attached to the key the user has to change. Empty when the configuration is consistent.
     */
    public static Map<String, List<String>> crossFieldErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String tables = props.get(TABLES);
        String prefix = props.getOrDefault(TOPIC_PREFIX, "deltasql");
        if (tables != null && prefix != null) {
            try {
                for (TableSpec t : TableSpec.parseAll(List.of(tables.split(",")), true)) {
                    String topic = prefix + "." + t.name();
                    if (topic.length() > 249) {
                        errors.computeIfAbsent(TOPIC_PREFIX, k -> new ArrayList<>()).add("topic '" + topic
                                + "' for table " + t.name() + " is longer than Kafka's 249 characters");
                    }
                }
            } catch (IllegalArgumentException e) {
                // reported by the single-key validator already
            }
        }
        boolean hasTables = tables != null && !tables.isBlank();
        boolean hasRoot = props.get(ROOT) != null && !props.get(ROOT).isBlank();
        if (!hasTables && !hasRoot) {
            errors.computeIfAbsent(TABLES, k -> new ArrayList<>()).add("no table: list name=location entries in "
                    + TABLES + ", or set " + ROOT + " to tail every Delta table under a directory");
        }
        if (!hasRoot) {
            for (String k : List.of(ROOT_INCLUDE, ROOT_EXCLUDE)) {
                if (props.get(k) != null && !props.get(k).isBlank()) {
                    errors.computeIfAbsent(k, x -> new ArrayList<>()).add(k + " applies to " + ROOT + ", which is not set");
                }
            }
        }
        String upTo = props.get(UP_TO_VERSION);
        String mode = props.getOrDefault(START_MODE, "full");
        if (upTo != null && !upTo.isBlank() && "checkpoint".equalsIgnoreCase(mode)) {
            errors.computeIfAbsent(UP_TO_VERSION, k -> new ArrayList<>()).add(UP_TO_VERSION
                    + " cannot be combined with start.mode=checkpoint (the newest checkpoint may be after it); "
                    + "use start.mode=full or remove " + UP_TO_VERSION);
        }
        props.keySet().stream()
                .filter(k -> k.startsWith(STORAGE_PREFIX) && k.length() == STORAGE_PREFIX.length())
                .forEach(k -> errors.computeIfAbsent(k, x -> new ArrayList<>())
                        .add("'storage.' needs a Hadoop key after it, e.g. storage.fs.s3a.endpoint"));
        return errors;
    }

    private static ConfigDef.Validator tablesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = value == null ? List.of() : (List<String>) value;
                try {
                    TableSpec.parseAll(entries, true);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "list of name=location";
            }
        };
    }

    private static ConfigDef.Validator globsValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> globs = value == null ? List.of() : (List<String>) value;
                try {
                    TableDiscovery.globs(globs);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, "not a glob: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }

            @Override
            public String toString() {
                return "list of globs on the path under delta.root";
            }
        };
    }

    private static ConfigDef.Validator topicPrefixValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String s = (String) value;
                if (s == null || !s.matches("[A-Za-z0-9._-]{1,200}")) {
                    throw new ConfigException(name, value,
                            "must be 1-200 characters of letters, digits, '.', '_' or '-' (a Kafka topic name part)");
                }
            }

            @Override
            public String toString() {
                return "[A-Za-z0-9._-]{1,200}";
            }
        };
    }

    static ConfigDef.Validator optionalNonNegative() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && ((Number) value).longValue() < 0) {
                    throw new ConfigException(name, value, "must be >= 0 or empty");
                }
            }

            @Override
            public String toString() {
                return "empty or [0,...]";
            }
        };
    }
}
