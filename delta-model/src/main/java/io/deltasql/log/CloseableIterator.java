package io.deltasql.log;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator over a resource (a file, a result set); close it when done, also after an error. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();

    /** An iterator with nothing in it and nothing to close. */
    static <T> CloseableIterator<T> empty() {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public T next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {
                // nothing is open
            }
        };
    }
}
