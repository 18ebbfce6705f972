package io.deltasql.log;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/** An iterator over a resource (a file, a result set); close it when done, also after an error. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();

    /** {@code in}, handing each element to {@code each} as it is read (a check, a tap), then on; closing closes {@code in}. */
    static <T> CloseableIterator<T> peeking(CloseableIterator<T> in, Consumer<? super T> each) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public T next() {
                T next = in.next();
                each.accept(next);
                return next;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

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
