package io.deltasql.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void backToDefaults() {
        Logging.start(Map.of(), false);
    }

    @Test
    void logbackIsSetUpInCodeOnStderrWithOurLoggersAtWarnAndLibrariesOff() {
        Logging.start(Map.of(), false);
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("stderr")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("stderr")).getTarget()).isEqualTo("System.err");
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("io.deltasql.store.Stores").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.hadoop.fs.FileSystem").getEffectiveLevel()).isEqualTo(Level.OFF);
    }

    @Test
    void deltasqlLogSetsEveryLogger() {
        Logging.start(Map.of("DELTASQL_LOG", " DEBUG "), false);
        assertThat(context.getLogger("io.deltasql.cli.importer.ImportRunner").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.parquet.hadoop.ParquetFileReader").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void verboseIsDebugForDeltasqlAndWarnForLibraries() {
        Logging.start(Map.of(), true);
        assertThat(context.getLogger("io.deltasql.cli.importer.ImportRunner").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.hadoop.fs.FileSystem").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void anUnknownLevelKeepsTheDefaults() {
        Logging.start(Map.of("DELTASQL_LOG", "loud"), false);
        assertThat(context.getLogger("io.deltasql.x").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.OFF);
    }
}
