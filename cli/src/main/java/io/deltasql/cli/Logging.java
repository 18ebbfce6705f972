package io.deltasql.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log level switches: logback.xml reads DELTASQL_LOG; --verbose turns on debug for deltasql's own loggers. */
final class Logging {
    private Logging() {
    }

    static void verbose() {
        if (LoggerFactory.getLogger("io.deltasql") instanceof Logger deltasql) {
            deltasql.setLevel(Level.DEBUG);
        }
    }
}
