package io.deltasql.connect.sink;

import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.StoreConnectionException;
import io.deltasql.store.StoreException;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TableWriters} on sink-writer's {@link MetadataStore}: registers tables and opens their writers.
 * Its connections show as {@value #APPLICATION_NAME} in pg_stat_activity.
 */
final class StoreTableWriters implements TableWriters {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTableWriters.class);
    static final String APPLICATION_NAME = "deltasql-sink";

    private final PgTarget target;
    private final WriterOptions options;
    /** Null while PostgreSQL cannot be reached: connected again by the next {@link #open}. */
    private MetadataStore store;

    private StoreTableWriters(PgTarget target, WriterOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Connects and migrates the dl_* schema; the message names the server, never the password. A
     * server that is down or restarting is not an error yet: the first {@link #open} connects, and the
     * task retries that like any lost connection.
     */
    static StoreTableWriters connect(DeltaSinkConfig config) {
        StoreTableWriters writers = new StoreTableWriters(
                target(config, System.getenv()).withApplicationName(APPLICATION_NAME),
                writerOptions(config.copyBufferChars()));
        try {
            writers.store = Stores.connect(writers.target);
        } catch (StoreConnectionException e) {
            LOG.warn("{}; connecting again when the first record arrives", e.getMessage());
        }
        return writers;
    }

    /**
     * Group mode: rows of consecutive versions share COPY buffers and the head moves once per send
     * (far fewer statements than one send per version). Through the push API the writer never commits
     * on its own (its group limits apply to apply()/applyAll() only): {@link TableApplier} decides every
     * commit, between versions, and hands Kafka only offsets that PostgreSQL holds.
     */
    static WriterOptions writerOptions(int copyBufferChars) {
        return WriterOptions.defaults().withCopyBufferChars(copyBufferChars);
    }

    /** Opens and closes one connection (no migration). */
    static void checkConnection(DeltaSinkConfig config) {
        try {
            Stores.checkReachable(target(config, System.getenv()));
        } catch (StoreException e) {
            throw new ConnectException("cannot check the PostgreSQL connection: " + e.getMessage());
        }
    }

    /**
     * The PostgreSQL target of a sink configuration: a database and a schema; the tables come from the
     * records. {@code deltasql://postgres/<db>} takes its schema from {@code target.schema};
     * {@code deltasql://postgres/<db>/<schema>/<table>} is accepted too (its table part is ignored).
     */
    static PgTarget target(DeltaSinkConfig config, Map<String, String> env) {
        try {
            if (config.target() != null) {
                return PgTarget.parse(withSchema(config.target(), config.targetSchema()), env, null).withTable(null);
            }
            StringBuilder url = new StringBuilder(config.connectionUrl());
            char sep = url.indexOf("?") >= 0 ? '&' : '?';
            if (config.connectionUser() != null) {
                url.append(sep).append("user=").append(encode(config.connectionUser()));
                sep = '&';
            }
            if (config.connectionPassword() != null) {
                url.append(sep).append("password=").append(encode(config.connectionPassword()));
            }
            return PgTarget.parse(url.toString(), env, config.targetSchema() + "._").withTable(null);
        } catch (IllegalArgumentException e) {
            // PgTarget's messages never show the password.
            throw new ConnectException("invalid PostgreSQL target: " + e.getMessage());
        }
    }

    /**
     * {@code deltasql://postgres/db?q} → {@code deltasql://postgres/db/<schema>/_?q}; a target that names its
     * schema keeps it ({@code db/s} → {@code db/s/_}: it wins over target.schema); a full URI is kept.
     */
    static String withSchema(String uri, String schema) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        String rest = path.substring("deltasql://postgres/".length());
        int parts = rest.replaceAll("/+$", "").split("/").length;
        if (parts == 1) {
            return rest.replaceAll("/+$", "").isEmpty() ? uri : path.replaceAll("/+$", "") + "/" + encode(schema) + "/_" + query;
        }
        return parts == 2 ? path.replaceAll("/+$", "") + "/_" + query : uri;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Throws {@link StoreConnectionException} when PostgreSQL cannot be reached (the caller retries later). */
    @Override
    public VersionWriter open(String table, String location) {
        for (int attempt = 1; ; attempt++) {
            try {
                MetadataStore s = store();
                return s.writer(s.register(table, location, false), options);
            } catch (StoreConnectionException e) {
                // The store's own connection idles between tables and may have been dropped long ago (server
                // restart, a proxy's idle timeout): a fresh one deserves one try before the task backs off.
                closeStore();
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private MetadataStore store() {
        if (store == null) {
            store = Stores.connect(target);
        }
        return store;
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public void close() {
        closeStore();
    }
}
