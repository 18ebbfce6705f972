package io.deltasql.reader.engine;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import java.util.List;

/**
 * A Kernel {@link Engine} that reads one table's {@code _delta_log} from deltasql ({@link SqlLog})
 * and everything else — data files, deletion vectors — through the engine it wraps (Kernel's
 * default engine on the table's storage). Kernel sees a log made of one checkpoint at the version
 * it loads, so it lists nothing and replays no history.
 */
public final class SqlLogEngine implements Engine {
    private final Engine storage;
    private final SqlLog log;
    private final FileSystemClient fileSystem;
    private final JsonHandler json;
    private final ParquetHandler parquet;

    public SqlLogEngine(Engine storage, SqlLog log) {
        this.storage = storage;
        this.log = log;
        this.fileSystem = new SqlLogFileSystemClient(storage.getFileSystemClient(), log);
        this.json = new SqlLogJsonHandler(storage.getJsonHandler(), log);
        this.parquet = new SqlLogParquetHandler(storage.getParquetHandler(), storage.getJsonHandler(), log);
    }

    public SqlLog log() {
        return log;
    }

    @Override
    public ExpressionHandler getExpressionHandler() {
        return storage.getExpressionHandler();
    }

    @Override
    public JsonHandler getJsonHandler() {
        return json;
    }

    @Override
    public FileSystemClient getFileSystemClient() {
        return fileSystem;
    }

    @Override
    public ParquetHandler getParquetHandler() {
        return parquet;
    }

    @Override
    public List<MetricsReporter> getMetricsReporters() {
        return storage.getMetricsReporters();
    }
}
