package io.deltasql.log.checkpoint;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet checkpoint file (classic, a part, a V2 top file or a sidecar) read with the Group API,
 * one row group at a time, so memory is bounded by the row group size and not by the row count.
 *
 * <p>The action count is exact without decoding rows: for each top-level column it reads only the
 * definition levels of one leaf and counts the rows where the column is non-null. That matches
 * {@link RowActions} (one action per non-null top-level column), skips all-null rows, and costs one
 * column chunk per action type instead of a full scan.
 */
final class ParquetCheckpointPart implements CheckpointPart {
    private static final String SIDECAR = "sidecar";
    /** What a live-file set reads of a checkpoint (openLiveFiles): these actions, of an add these fields. */
    private static final Set<String> LIVE_FILE_ACTIONS = Set.of("add", "metaData", "protocol");
    private static final Set<String> LIVE_FILE_ADD_FIELDS = Set.of("path", "size", "deletionVector");

    private final LogStorage storage;
    private final FileEntry file;
    private final String displayName;
    private final long version;
    private final long actionCount;
    private final List<Sidecar> sidecars;

    ParquetCheckpointPart(LogStorage storage, FileEntry file, String displayName, long version) {
        this.storage = storage;
        this.file = file;
        this.displayName = displayName;
        this.version = version;
        try (ParquetFileReader reader = openReader()) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            this.actionCount = countActions(reader, schema);
            this.sidecars = schema.containsField(SIDECAR) && !schema.getType(SIDECAR).isPrimitive()
                    ? readSidecars(schema) : List.of();
        } catch (DeltaLogException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw CheckpointErrors.corrupt(version, displayName, e);
        }
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public long actionCount() {
        return actionCount;
    }

    @Override
    public List<Sidecar> sidecars() {
        return sidecars;
    }

    @Override
    public CloseableIterator<Action> open() {
        try {
            ParquetFileReader reader = openReader();
            return new Rows(reader, reader.getFooter().getFileMetaData().getSchema());
        } catch (IOException | RuntimeException e) {
            throw CheckpointErrors.corrupt(version, displayName, e);
        }
    }

    /** Only the columns of {@link #LIVE_FILE_ACTIONS}, and of {@code add} only {@link #LIVE_FILE_ADD_FIELDS}. */
    @Override
    public CloseableIterator<Action> openLiveFiles() {
        try {
            ParquetFileReader reader = openReader();
            MessageType projection = liveFileColumns(reader.getFooter().getFileMetaData().getSchema());
            if (projection.getFieldCount() == 0) {
                reader.close(); // e.g. a sidecar of removes only: nothing of the live set in it
                return CloseableIterator.empty();
            }
            reader.setRequestedSchema(projection);
            return new Rows(reader, projection);
        } catch (IOException | RuntimeException e) {
            throw CheckpointErrors.corrupt(version, displayName, e);
        }
    }

    private static MessageType liveFileColumns(MessageType schema) {
        List<Type> kept = new ArrayList<>();
        for (Type t : schema.getFields()) {
            if (!LIVE_FILE_ACTIONS.contains(t.getName())) {
                continue;
            }
            if (t.getName().equals("add") && !t.isPrimitive()) {
                GroupType add = t.asGroupType();
                List<Type> fields = new ArrayList<>();
                for (Type f : add.getFields()) {
                    if (LIVE_FILE_ADD_FIELDS.contains(f.getName())) {
                        fields.add(f);
                    }
                }
                kept.add(fields.isEmpty() ? add : add.withNewFields(fields));
            } else {
                kept.add(t);
            }
        }
        return new MessageType(schema.getName(), kept);
    }

    private ParquetFileReader openReader() throws IOException {
        return ParquetFileReader.open(storage.parquetFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
    }

    @SuppressWarnings("deprecation") // getTotalValueCount: the value count of the column chunk is exactly what is needed
    private long countActions(ParquetFileReader reader, MessageType schema) throws IOException {
        List<Type> leaves = new ArrayList<>();
        for (Type t : schema.getFields()) {
            leaves.add(firstLeafPath(t));
        }
        MessageType projection = new MessageType(schema.getName(), leaves);
        reader.setRequestedSchema(projection);
        List<ColumnDescriptor> columns = projection.getColumns();
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        long count = 0;
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                    new GroupRecordConverter(projection).getRootConverter(), projection, createdBy);
            for (int c = 0; c < columns.size(); c++) {
                // Top-level column c is non-null in a row when its first value has definition level >= 1
                // (a required top-level column is always there).
                int presentAt = projection.getType(c).isRepetition(Type.Repetition.REQUIRED) ? 0 : 1;
                ColumnDescriptor d = columns.get(c);
                ColumnReader r = store.getColumnReader(d);
                long values = r.getTotalValueCount();
                int maxDef = d.getMaxDefinitionLevel();
                for (long v = 0; v < values; v++) {
                    int def = r.getCurrentDefinitionLevel();
                    if (r.getCurrentRepetitionLevel() == 0 && def >= presentAt) {
                        count++;
                    }
                    if (def == maxDef) {
                        r.skip();
                    }
                    r.consume();
                }
            }
        }
        return count;
    }

    /** {@code t} reduced to the path down to its first primitive leaf. */
    private static Type firstLeafPath(Type t) {
        if (t.isPrimitive()) {
            return t;
        }
        GroupType g = t.asGroupType();
        if (g.getFieldCount() == 0) {
            return t;
        }
        return new GroupType(g.getRepetition(), g.getName(), firstLeafPath(g.getType(0)));
    }

    private List<Sidecar> readSidecars(MessageType schema) throws IOException {
        MessageType projection = new MessageType(schema.getName(), schema.getType(SIDECAR));
        List<Sidecar> found = new ArrayList<>();
        try (ParquetFileReader reader = openReader()) {
            reader.setRequestedSchema(projection);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(pages, new CompactRecordMaterializer(projection));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group row = records.read();
                    if (row != null && row.getFieldRepetitionCount(0) > 0) {
                        found.add(RowActions.sidecar(row.getGroup(0, 0)));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** Streams the rows of one open reader as actions. */
    private final class Rows implements CloseableIterator<Action> {
        private final ParquetFileReader reader;
        private final MessageType schema;
        private final RowActions rowActions;
        private final List<Action> pending = new ArrayList<>(2);
        private RecordReader<Group> records;
        private long rowsLeftInGroup;
        private long row;
        private int next;
        private boolean closed;

        /** {@code schema}: the file's, or the projection the reader was given. */
        Rows(ParquetFileReader reader, MessageType schema) {
            this.reader = reader;
            this.schema = schema;
            this.rowActions = new RowActions(schema);
        }

        @Override
        public boolean hasNext() {
            while (next >= pending.size()) {
                if (closed || !readRow()) {
                    close();
                    return false;
                }
            }
            return true;
        }

        @Override
        public Action next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.get(next++);
        }

        private boolean readRow() {
            try {
                if (rowsLeftInGroup == 0) {
                    PageReadStore pages = reader.readNextRowGroup();
                    if (pages == null) {
                        return false;
                    }
                    records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(pages, new CompactRecordMaterializer(schema));
                    rowsLeftInGroup = pages.getRowCount();
                    return true;
                }
                rowsLeftInGroup--;
                row++;
                pending.clear();
                next = 0;
                Group g = records.read();
                if (g != null) {
                    rowActions.decode(g, pending);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                close();
                throw CheckpointErrors.corrupt(version, displayName, "row " + row + ": " + CheckpointErrors.reason(e),
                        null, e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    reader.close();
                } catch (IOException e) {
                    // Nothing was written; a failed close of a read-only file loses nothing.
                }
            }
        }
    }
}
