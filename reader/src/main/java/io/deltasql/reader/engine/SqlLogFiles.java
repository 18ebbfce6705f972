package io.deltasql.reader.engine;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;
import static io.delta.kernel.internal.util.Utils.toCloseableIterator;

import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The routing both file handlers share: of the files Kernel asks for, those of the SQL log are made
 * from SQL, every other one goes to Kernel's own handler — in the order asked, and in one call to it
 * when none is the log's.
 */
final class SqlLogFiles {
    /** Kernel's own handler, reading some files. */
    interface StorageRead<T> {
        CloseableIterator<T> read(CloseableIterator<FileStatus> files) throws IOException;
    }

    /** One file of the SQL log, made from SQL. */
    interface SqlRead<T> {
        CloseableIterator<T> read(FileStatus file) throws IOException;
    }

    private SqlLogFiles() {
    }

    static <T> CloseableIterator<T> read(CloseableIterator<FileStatus> files, SqlLog log, StorageRead<T> storage,
                                         SqlRead<T> fromSql) throws IOException {
        List<FileStatus> all = new ArrayList<>();
        try (files) {
            files.forEachRemaining(all::add);
        }
        if (all.stream().noneMatch(f -> log.contains(f.getPath()))) {
            return storage.read(toCloseableIterator(all.iterator()));
        }
        CloseableIterator<T> out = toCloseableIterator(Collections.emptyIterator());
        for (FileStatus f : all) {
            out = out.combine(log.contains(f.getPath()) ? fromSql.read(f) : storage.read(singletonCloseableIterator(f)));
        }
        return out;
    }
}
