package io.deltasql.connect.metrics;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the connector's MBeans under {@code io.deltasql.connect:type=<type>,context=<ctx>,table=<t>}
 * (Debezium style). A bean left over by a task that died without stopping is replaced, not an error.
 */
public final class MBeans {
    public static final String DOMAIN = "io.deltasql.connect";
    private static final Logger LOG = LoggerFactory.getLogger(MBeans.class);

    private MBeans() {
    }

    public static ObjectName name(String type, String context, String table) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",context=" + quoteIfNeeded(context)
                    + ",table=" + quoteIfNeeded(table));
        } catch (JMException e) {
            throw new IllegalArgumentException("cannot build an MBean name for " + context + "/" + table, e);
        }
    }

    public static void register(Object bean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
        } catch (JMException e) {
            LOG.warn("metrics {} not registered: {}", name, e.toString());
        }
    }

    public static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.warn("metrics {} not unregistered: {}", name, e.toString());
        }
    }

    private static String quoteIfNeeded(String value) {
        return value.matches("[A-Za-z0-9_.\\-]+") ? value : ObjectName.quote(value);
    }
}
