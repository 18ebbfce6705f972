package io.deltasql.connect.sink;

import java.util.List;

/** Two small Delta versions (commit lines as the source sends them) shared by the sink's tests. */
public final class SampleVersions {
    /** protocol, metaData, add a. */
    public static final List<String> V0 = List.of(
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
            "{\"metaData\":{\"id\":\"m\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
                    + "\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}",
            "{\"add\":{\"path\":\"a\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}");
    /** commitInfo, add b, add c. */
    public static final List<String> V1 = List.of(
            "{\"commitInfo\":{\"timestamp\":2,\"operation\":\"WRITE\"}}",
            "{\"add\":{\"path\":\"b\",\"partitionValues\":{},\"size\":2,\"modificationTime\":2,\"dataChange\":true}}",
            "{\"add\":{\"path\":\"c\",\"partitionValues\":{},\"size\":3,\"modificationTime\":2,\"dataChange\":true}}");

    private SampleVersions() {
    }
}
