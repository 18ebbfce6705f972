package io.deltasql.connect.sink;

import io.deltasql.connect.Validators;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link DeltaSqlSinkConnector} (plus Connect's own {@code topics}/{@code topics.regex}). */
public final class DeltaSinkConfig extends AbstractConfig {
    public static final String TARGET = "target";
    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String TARGET_SCHEMA = "target.schema";
    public static final String COMMIT_MAX_ACTIONS = "commit.max.actions";
    public static final String COPY_BUFFER_CHARS = "copy.buffer.chars";
    public static final String RETRY_TIMEOUT_MS = "postgres.retry.timeout.ms";

    private static final String GROUP_TARGET = "PostgreSQL target";
    private static final String GROUP_WRITING = "Writing";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TARGET, Type.PASSWORD, null, Validators.optional(postgresTarget()),
                    Importance.HIGH,
                    "Where the dl_* tables live: deltasql://postgres/<database>/<schema>[?host=&port=&user=&password="
                            + "&sslmode=]. Parts left out come from the worker's PGHOST, PGPORT, PGUSER, PGPASSWORD, "
                            + "PGSSLMODE. Masked like a password because it may hold one. Set this or connection.url.",
                    GROUP_TARGET, 1, Width.LONG, "Target URI")
            .define(CONNECTION_URL, Type.STRING, null, Validators.optional(Validators.startsWith("jdbc:postgresql://")),
                    Importance.HIGH,
                    "Alternative to target: a jdbc:postgresql://host:port/database URL (without a password; use "
                            + "connection.password).",
                    GROUP_TARGET, 2, Width.LONG, "JDBC URL")
            .define(CONNECTION_USER, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyStringWithoutControlChars()),
                    Importance.MEDIUM,
                    "User for connection.url; default PGUSER, then postgres.",
                    GROUP_TARGET, 3, Width.SHORT, "JDBC user")
            .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Validators.optional(Validators.anyValue()),
                    Importance.MEDIUM,
                    "Password for connection.url; default PGPASSWORD. Prefer a config provider (${file:...}).",
                    GROUP_TARGET, 4, Width.SHORT, "JDBC password")
            .define(TARGET_SCHEMA, Type.STRING, "public", nonBlank(), Importance.MEDIUM,
                    "Schema of the dl_* tables (created and migrated on start), for connection.url and for a "
                            + "target that names no schema (deltasql://postgres/<database>). A target that names one "
                            + "(deltasql://postgres/<database>/<schema>) wins; setting target.schema to another schema "
                            + "as well is refused.",
                    GROUP_TARGET, 5, Width.SHORT, "Target schema")
            .define(COMMIT_MAX_ACTIONS, Type.LONG, 50_000L, ConfigDef.Range.between(1L, 100_000_000L), Importance.MEDIUM,
                    "Group commit: complete versions are committed to PostgreSQL together at the end of each batch "
                            + "of records (or before a version that continues in the next batch), or as soon as they "
                            + "hold this many actions. A single version is always one "
                            + "transaction, however large; Kafka offsets are committed only up to what PostgreSQL holds.",
                    GROUP_WRITING, 1, Width.SHORT, "Commit max actions")
            .define(COPY_BUFFER_CHARS, Type.INT, 4 << 20, ConfigDef.Range.between(1024, 1 << 30), Importance.LOW,
                    "Characters of rows buffered per dl_* table before a COPY is sent: bounds the sink's memory for "
                            + "large versions.",
                    GROUP_WRITING, 2, Width.SHORT, "COPY buffer (chars)")
            .define(RETRY_TIMEOUT_MS, Type.LONG, -1L, ConfigDef.Range.atLeast(-1L), Importance.MEDIUM,
                    "How long the sink keeps retrying while PostgreSQL is unreachable or drops its connections "
                            + "(waits of 250 ms doubling up to 30 s; the task stays RUNNING) before the task fails "
                            + "with the last error, so that monitoring sees it. -1 (the default): retry until "
                            + "PostgreSQL is back; 0: fail at the first lost connection. Counted from the first "
                            + "failure after a batch that went through. Other PostgreSQL errors always fail the task.",
                    GROUP_WRITING, 3, Width.SHORT, "PostgreSQL retry timeout (ms)");

    public DeltaSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public String target() {
        Password p = getPassword(TARGET);
        return p == null ? null : p.value();
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL);
    }

    public String connectionUser() {
        return getString(CONNECTION_USER);
    }

    public String connectionPassword() {
        Password p = getPassword(CONNECTION_PASSWORD);
        return p == null ? null : p.value();
    }

    public String targetSchema() {
        return getString(TARGET_SCHEMA);
    }

    public long commitMaxActions() {
        return getLong(COMMIT_MAX_ACTIONS);
    }

    public int copyBufferChars() {
        return getInt(COPY_BUFFER_CHARS);
    }

    /** -1: retry forever. */
    public long retryTimeoutMs() {
        return getLong(RETRY_TIMEOUT_MS);
    }

    /** Errors that involve several keys, each attached to the key to change; empty when consistent. */
    public static Map<String, List<String>> crossFieldErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        boolean hasTarget = present(props.get(TARGET));
        boolean hasUrl = present(props.get(CONNECTION_URL));
        if (hasTarget == hasUrl) {
            String msg = hasTarget ? "set either target or connection.url, not both"
                    : "no PostgreSQL target: set target (deltasql://postgres/<db>/<schema>) or connection.url";
            errors.computeIfAbsent(TARGET, k -> new ArrayList<>()).add(msg);
            errors.computeIfAbsent(CONNECTION_URL, k -> new ArrayList<>()).add(msg);
        }
        if (hasUrl && props.get(CONNECTION_URL).toLowerCase().contains("password=")) {
            errors.computeIfAbsent(CONNECTION_URL, k -> new ArrayList<>())
                    .add("must not carry a password (it would show in the REST API); use connection.password");
        }
        String uriSchema = hasTarget ? schemaOf(props.get(TARGET)) : null;
        String schema = props.get(TARGET_SCHEMA);
        if (uriSchema != null && present(schema) && !uriSchema.equals(schema.trim())) {
            errors.computeIfAbsent(TARGET_SCHEMA, k -> new ArrayList<>()).add("target names schema '" + uriSchema
                    + "' and target.schema says '" + schema.trim() + "': remove target.schema or make them agree "
                    + "(the target's schema wins)");
        }
        String instance = props.get("consumer.override.group.instance.id");
        if (present(instance) && present(props.get("tasks.max")) && !"1".equals(props.get("tasks.max").trim())) {
            // Connect gives every task the same client settings: the tasks' consumers would fence each other.
            errors.computeIfAbsent("consumer.override.group.instance.id", k -> new ArrayList<>()).add("static "
                    + "membership works with tasks.max=1 only: every task's consumer would get this same "
                    + "group.instance.id and fence the others (docs/connector.md, Recovery after a crash)");
        }
        if (hasTarget && (present(props.get(CONNECTION_USER)) || present(props.get(CONNECTION_PASSWORD)))) {
            errors.computeIfAbsent(CONNECTION_USER, k -> new ArrayList<>())
                    .add("connection.user/connection.password apply to connection.url only; put user and password in target");
        }
        return errors;
    }

    /** The schema part of {@code deltasql://postgres/<db>/<schema>[/<table>][?...]}, or null when it names none. */
    static String schemaOf(String target) {
        String prefix = "deltasql://postgres/";
        if (!target.startsWith(prefix)) {
            return null;
        }
        int q = target.indexOf('?');
        String[] parts = target.substring(prefix.length(), q < 0 ? target.length() : q).split("/");
        return parts.length < 2 || parts[1].isEmpty() ? null : URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
    }

    /**
     * {@code deltasql://postgres/…}; a SQLite target gets its own line: the sink stays PostgreSQL-only,
     * since one file on one worker's disk does not suit a distributed Connect cluster.
     */
    private static ConfigDef.Validator postgresTarget() {
        ConfigDef.Validator prefix = Validators.startsWith("deltasql://postgres/");
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String s = value instanceof Password p ? p.value() : String.valueOf(value);
                if (s != null && s.startsWith("deltasql://sqlite")) {
                    throw new ConfigException(name, s, "the Connect sink writes to PostgreSQL only (a SQLite file does not "
                            + "suit a distributed worker): use deltasql://postgres/<db>/<schema>, or 'deltasql import' into SQLite");
                }
                prefix.ensureValid(name, value);
            }

            @Override
            public String toString() {
                return prefix.toString();
            }
        };
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static ConfigDef.Validator nonBlank() {
        return new ConfigDef.NonEmptyStringWithoutControlChars();
    }
}
