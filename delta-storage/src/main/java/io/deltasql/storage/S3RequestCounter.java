package io.deltasql.storage;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts HTTP requests sent to S3 (every attempt, retries included) for one {@link S3LogStorage}.
 *
 * <p>The storage's own SDK client gets an instance directly. S3A builds its clients itself and only
 * accepts interceptor CLASS names ({@code fs.s3a.audit.execution.interceptors}); it instantiates
 * them and hands them its configuration, so the instance finds its storage's counter through the
 * id the storage put into that configuration ({@link #ID_KEY}).
 */
public final class S3RequestCounter implements ExecutionInterceptor, Configurable {
    /** Hadoop configuration key carrying the counter id. */
    public static final String ID_KEY = "deltasql.storage.request-counter.id";

    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private volatile AtomicLong target;
    private Configuration conf;

    /** For S3A's reflection; finds its counter in {@link #setConf}. */
    public S3RequestCounter() {
    }

    S3RequestCounter(AtomicLong target) {
        this.target = target;
    }

    /** Registers {@code counter} and returns the id to put into the configuration under {@link #ID_KEY}. */
    static String register(AtomicLong counter) {
        String id = UUID.randomUUID().toString();
        COUNTERS.put(id, counter);
        return id;
    }

    static void unregister(String id) {
        if (id != null) {
            COUNTERS.remove(id);
        }
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
        String id = conf == null ? null : conf.get(ID_KEY);
        this.target = id == null ? null : COUNTERS.get(id);
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        AtomicLong t = target;
        if (t != null) {
            t.incrementAndGet();
        }
    }
}
