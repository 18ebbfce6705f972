package io.deltasql.log;

import java.util.Iterator;

/** An iterator over a resource (a file, a result set); close it when done, also after an error. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
