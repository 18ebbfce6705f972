package io.deltasql.store;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.util.List;
import java.util.Map;

/** Small hand-made actions for writer tests. */
public final class Actions {
    private Actions() {
    }

    public static AddFile add(String path, long size) {
        return add(path, size, null);
    }

    public static AddFile add(String path, long size, DeletionVector dv) {
        return new AddFile(path, Map.of(), size, 1L, true, "{\"numRecords\":1}", null, dv, null, null, null, null);
    }

    public static RemoveFile remove(String path) {
        return remove(path, null);
    }

    public static RemoveFile remove(String path, DeletionVector dv) {
        return new RemoveFile(path, 5L, true, null, null, null, null, null, dv, null, null, null);
    }

    public static DeletionVector dv(String id) {
        return new DeletionVector("u", id, 1, 34, 1L, null, null);
    }

    public static Protocol protocol(int reader, int writer) {
        return new Protocol(reader, writer, null, null, null);
    }

    public static Metadata metadata(String schema) {
        return new Metadata("id-1", null, null, "parquet", Map.of(), schema, List.of(), 1L, Map.of(), null);
    }

    public static CommitInfo commitInfo(long ts, String op) {
        return new CommitInfo(ts, null, op, null);
    }

    public static Txn txn(String app, long v) {
        return new Txn(app, v, null, null);
    }

    public static DomainMetadata domain(String d, String conf, boolean removed) {
        return new DomainMetadata(d, conf, removed, null);
    }
}
