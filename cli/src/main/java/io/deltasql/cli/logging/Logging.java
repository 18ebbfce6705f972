package io.deltasql.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.LogManager;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The levels of the {@code deltasql} command's logging (Logback on stderr, set up by
 * {@link StderrConfigurator}).
 *
 * <p>By default deltasql's own loggers and Flyway's are at warn, third-party libraries (Hadoop, the
 * cloud SDKs and connectors, Parquet) off. {@code DELTASQL_LOG} (error, warn, info, debug, trace, off)
 * sets all of them; {@code --verbose} sets deltasql's to debug and lets the libraries' warnings
 * through. java.util.logging (the GCS connector's) is routed to SLF4J, its root level set to match,
 * so it formats nothing that would be dropped.
 *
 * <p>{@link #start} runs once the command line is parsed, before the command's work.
 */
public final class Logging {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace", "off");

    private Logging() {
    }

    /** Sets the levels for this command and routes java.util.logging; {@code verbose} is the --verbose flag. */
    public static void start(Map<String, String> env, boolean verbose) {
        String requested = env.get("DELTASQL_LOG") == null ? null : env.get("DELTASQL_LOG").trim().toLowerCase(Locale.ROOT);
        Level ours = Level.WARN;
        Level libraries = Level.OFF;
        if (requested != null && LEVELS.contains(requested)) {
            ours = Level.toLevel(requested, Level.WARN);
            libraries = ours;
        }
        if (verbose) {
            ours = Level.DEBUG;
            if (libraries == Level.OFF) {
                libraries = Level.WARN;
            }
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) { // always, unless a test put another backend first
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(libraries);
            context.getLogger("io.deltasql").setLevel(ours);
            context.getLogger("org.flywaydb").setLevel(requested != null && LEVELS.contains(requested) ? ours : Level.WARN);
        }
        routeJavaUtilLogging(libraries);
    }

    /** java.util.logging into SLF4J, and its root at the libraries' level (~20 ms: only when a command runs). */
    private static void routeJavaUtilLogging(Level level) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        java.util.logging.Level jul;
        if (level == Level.OFF) {
            jul = java.util.logging.Level.OFF;
        } else if (level == Level.ERROR) {
            jul = java.util.logging.Level.SEVERE;
        } else if (level == Level.WARN) {
            jul = java.util.logging.Level.WARNING;
        } else if (level == Level.INFO) {
            jul = java.util.logging.Level.INFO;
        } else if (level == Level.DEBUG) {
            jul = java.util.logging.Level.FINE;
        } else {
            jul = java.util.logging.Level.FINEST;
        }
        LogManager.getLogManager().getLogger("").setLevel(jul);
    }
}
