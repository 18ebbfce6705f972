package io.deltasql.connect.metrics;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * What the source's and the sink's per-table metrics share: the table, the MBean name they are registered
 * under (none in unit tests), the action count with its rate, and the errors. The public getters implement
 * the attributes of the same names in each subclass's MXBean interface; they are not final, so that javac gives
 * each public subclass public bridges to them and reflection from other packages still reaches them.
 */
abstract class TableMetrics implements AutoCloseable {
    private final String table;
    private final ObjectName name;
    private final AtomicLong actions = new AtomicLong();
    private final RateMeter rate = new RateMeter();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError = "";

    /** {@code type}: the MBean type, e.g. {@code sink-task}; nothing is registered unless {@code register}. */
    TableMetrics(String type, String context, String table, boolean register) {
        this.table = table;
        this.name = register ? MBeans.name(type, context, table) : null;
    }

    /**
     * Registers the bean if it has a name. Called by the subclass at the end of its constructor, not here, so
     * that JMX never sees a bean whose subclass fields are not yet set.
     */
    final void registerIfNamed() {
        if (name != null) {
            MBeans.register(this, name);
        }
    }

    final void countActions(long n) {
        actions.addAndGet(n);
        rate.mark(n);
    }

    final long actions() {
        return actions.get();
    }

    public void error(Throwable t) {
        errors.incrementAndGet();
        lastError = String.valueOf(t.getMessage());
    }

    public String getTable() {
        return table;
    }

    public double getActionsPerSecond() {
        return rate.perSecond();
    }

    public long getErrors() {
        return errors.get();
    }

    public String getLastError() {
        return lastError;
    }

    @Override
    public void close() {
        if (name != null) {
            MBeans.unregister(name);
        }
    }
}
