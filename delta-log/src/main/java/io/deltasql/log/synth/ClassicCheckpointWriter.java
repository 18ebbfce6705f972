package io.deltasql.log.synth;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes a classic {@code v.checkpoint.parquet} in the schema Delta on Spark writes (one top-level
 * struct per action type, one non-null struct per row), row by row, so a checkpoint of millions of
 * files needs memory for one row group only.
 */
public final class ClassicCheckpointWriter implements AutoCloseable {
    /** The checkpoint schema of Delta 3.x on Spark with JSON stats (as in the shared real tables). */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              optional group txn {
                optional binary appId (STRING);
                optional int64 version;
                optional int64 lastUpdated;
              }
              optional group add {
                optional binary path (STRING);
                optional group partitionValues (MAP) {
                  repeated group key_value {
                    required binary key (STRING);
                    optional binary value (STRING);
                  }
                }
                optional int64 size;
                optional int64 modificationTime;
                optional boolean dataChange;
                optional group tags (MAP) {
                  repeated group key_value {
                    required binary key (STRING);
                    optional binary value (STRING);
                  }
                }
                optional group deletionVector {
                  optional binary storageType (STRING);
                  optional binary pathOrInlineDv (STRING);
                  optional int32 offset;
                  optional int32 sizeInBytes;
                  optional int64 cardinality;
                  optional int64 maxRowIndex;
                }
                optional int64 baseRowId;
                optional int64 defaultRowCommitVersion;
                optional binary clusteringProvider (STRING);
                optional binary stats (STRING);
              }
              optional group remove {
                optional binary path (STRING);
                optional int64 deletionTimestamp;
                optional boolean dataChange;
                optional boolean extendedFileMetadata;
                optional group partitionValues (MAP) {
                  repeated group key_value {
                    required binary key (STRING);
                    optional binary value (STRING);
                  }
                }
                optional int64 size;
                optional group deletionVector {
                  optional binary storageType (STRING);
                  optional binary pathOrInlineDv (STRING);
                  optional int32 offset;
                  optional int32 sizeInBytes;
                  optional int64 cardinality;
                  optional int64 maxRowIndex;
                }
                optional int64 baseRowId;
                optional int64 defaultRowCommitVersion;
              }
              optional group metaData {
                optional binary id (STRING);
                optional binary name (STRING);
                optional binary description (STRING);
                optional group format {
                  optional binary provider (STRING);
                  optional group options (MAP) {
                    repeated group key_value {
                      required binary key (STRING);
                      optional binary value (STRING);
                    }
                  }
                }
                optional binary schemaString (STRING);
                optional group partitionColumns (LIST) {
                  repeated group list {
                    optional binary element (STRING);
                  }
                }
                optional group configuration (MAP) {
                  repeated group key_value {
                    required binary key (STRING);
                    optional binary value (STRING);
                  }
                }
                optional int64 createdTime;
              }
              optional group protocol {
                optional int32 minReaderVersion;
                optional int32 minWriterVersion;
                optional group readerFeatures (LIST) {
                  repeated group list {
                    optional binary element (STRING);
                  }
                }
                optional group writerFeatures (LIST) {
                  repeated group list {
                    optional binary element (STRING);
                  }
                }
              }
              optional group domainMetadata {
                optional binary domain (STRING);
                optional binary configuration (STRING);
                optional boolean removed;
              }
            }
            """);

    private final SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
    private final ParquetWriter<Group> writer;
    private long rowCount;
    private long addCount;

    public ClassicCheckpointWriter(Path file, long rowGroupBytes) throws IOException {
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(SCHEMA)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** Writes one action as one row; only the checkpoint's action types are accepted. */
    public void write(Action action) throws IOException {
        Group row = rows.newGroup();
        if (action instanceof AddFile a) {
            Group g = row.addGroup("add");
            g.append("path", a.path());
            map(g, "partitionValues", a.partitionValues());
            putLong(g, "size", a.size());
            putLong(g, "modificationTime", a.modificationTime());
            if (a.dataChange() != null) {
                g.append("dataChange", a.dataChange());
            }
            map(g, "tags", a.tags());
            deletionVector(g, a.deletionVector());
            putLong(g, "baseRowId", a.baseRowId());
            putLong(g, "defaultRowCommitVersion", a.defaultRowCommitVersion());
            putText(g, "clusteringProvider", a.clusteringProvider());
            putText(g, "stats", a.stats());
            addCount++;
        } else if (action instanceof RemoveFile r) {
            Group g = row.addGroup("remove");
            g.append("path", r.path());
            putLong(g, "deletionTimestamp", r.deletionTimestamp());
            if (r.dataChange() != null) {
                g.append("dataChange", r.dataChange());
            }
            if (r.extendedFileMetadata() != null) {
                g.append("extendedFileMetadata", r.extendedFileMetadata());
            }
            map(g, "partitionValues", r.partitionValues());
            putLong(g, "size", r.size());
            deletionVector(g, r.deletionVector());
            putLong(g, "baseRowId", r.baseRowId());
            putLong(g, "defaultRowCommitVersion", r.defaultRowCommitVersion());
        } else if (action instanceof Metadata m) {
            Group g = row.addGroup("metaData");
            putText(g, "id", m.id());
            putText(g, "name", m.name());
            putText(g, "description", m.description());
            if (m.formatProvider() != null || m.formatOptions() != null) {
                Group f = g.addGroup("format");
                putText(f, "provider", m.formatProvider());
                map(f, "options", m.formatOptions());
            }
            putText(g, "schemaString", m.schemaString());
            list(g, "partitionColumns", m.partitionColumns());
            map(g, "configuration", m.configuration());
            putLong(g, "createdTime", m.createdTime());
        } else if (action instanceof Protocol p) {
            Group g = row.addGroup("protocol");
            if (p.minReaderVersion() != null) {
                g.append("minReaderVersion", p.minReaderVersion());
            }
            if (p.minWriterVersion() != null) {
                g.append("minWriterVersion", p.minWriterVersion());
            }
            list(g, "readerFeatures", p.readerFeatures());
            list(g, "writerFeatures", p.writerFeatures());
        } else if (action instanceof Txn t) {
            Group g = row.addGroup("txn");
            g.append("appId", t.appId());
            putLong(g, "version", t.version());
            putLong(g, "lastUpdated", t.lastUpdated());
        } else if (action instanceof DomainMetadata d) {
            Group g = row.addGroup("domainMetadata");
            g.append("domain", d.domain());
            putText(g, "configuration", d.configuration());
            if (d.removed() != null) {
                g.append("removed", d.removed());
            }
        } else {
            throw new IllegalArgumentException("a classic checkpoint holds no " + action.type() + " action");
        }
        writer.write(row);
        rowCount++;
    }

    public long rowCount() {
        return rowCount;
    }

    public long addCount() {
        return addCount;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static void putText(Group g, String name, String value) {
        if (value != null) {
            g.append(name, value);
        }
    }

    private static void putLong(Group g, String name, Long value) {
        if (value != null) {
            g.append(name, value);
        }
    }

    private static void map(Group parent, String name, Map<String, String> map) {
        if (map == null) {
            return;
        }
        Group m = parent.addGroup(name);
        for (Map.Entry<String, String> e : map.entrySet()) {
            Group kv = m.addGroup("key_value");
            kv.append("key", e.getKey());
            if (e.getValue() != null) {
                kv.append("value", e.getValue());
            }
        }
    }

    private static void list(Group parent, String name, List<String> list) {
        if (list == null) {
            return;
        }
        Group l = parent.addGroup(name);
        for (String item : list) {
            Group element = l.addGroup("list");
            if (item != null) {
                element.append("element", item);
            }
        }
    }

    private static void deletionVector(Group parent, DeletionVector dv) {
        if (dv == null) {
            return;
        }
        Group g = parent.addGroup("deletionVector");
        putText(g, "storageType", dv.storageType());
        putText(g, "pathOrInlineDv", dv.pathOrInlineDv());
        if (dv.offset() != null) {
            g.append("offset", dv.offset());
        }
        if (dv.sizeInBytes() != null) {
            g.append("sizeInBytes", dv.sizeInBytes());
        }
        putLong(g, "cardinality", dv.cardinality());
        putLong(g, "maxRowIndex", dv.maxRowIndex());
    }
}
