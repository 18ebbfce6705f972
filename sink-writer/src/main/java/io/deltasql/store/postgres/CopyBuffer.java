package io.deltasql.store.postgres;

import java.io.IOException;
import java.io.Reader;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;

/**
 * Rows for one dl_* table in COPY text format, sent with one {@code COPY … FROM STDIN} when the
 * buffer is full or the version ends: bulk speed with bounded memory, whatever the version's size.
 */
final class CopyBuffer {
    private final String copySql;
    private final int limitChars;
    private StringBuilder rows = new StringBuilder();
    private boolean firstColumn = true;
    private long rowCount;

    CopyBuffer(String copySql, int limitChars) {
        this.copySql = copySql;
        this.limitChars = limitChars;
    }

    CopyBuffer text(String value) {
        separator();
        if (value == null) {
            rows.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyBuffer number(Number value) {
        separator();
        rows.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyBuffer bool(Boolean value) {
        separator();
        rows.append(value == null ? "\\N" : value ? "t" : "f");
        return this;
    }

    /** A column of any of the types a dl_* row holds: text, a number, a boolean, or null. */
    CopyBuffer value(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Boolean b) {
            return bool(b);
        }
        if (value == null || value instanceof Number) {
            return number((Number) value);
        }
        throw new IllegalArgumentException("no COPY text for a " + value.getClass().getSimpleName());
    }

    void endRow() {
        rows.append('\n');
        firstColumn = true;
        rowCount++;
    }

    boolean isFull() {
        return rows.length() >= limitChars;
    }

    int length() {
        return rows.length();
    }

    int limitChars() {
        return limitChars;
    }

    /** The columns written since the last take, as one row without its line end; the buffer is then empty. */
    String takeRow() {
        String row = rows.toString();
        rows.setLength(0);
        firstColumn = true;
        return row;
    }

    /** Appends a row taken with {@link #takeRow()} plus one last bigint column ({@code < 0}: NULL). */
    void appendRow(String row, long lastColumn) {
        rows.append(row).append('\t');
        if (lastColumn < 0) {
            rows.append("\\N");
        } else {
            rows.append(lastColumn);
        }
        rows.append('\n');
        rowCount++;
    }

    boolean isEmpty() {
        return rowCount == 0;
    }

    /**
     * Hands the buffered rows over as one COPY to send later (on another thread) and goes on with an
     * empty builder (one returned by an earlier chunk when there is one); null when empty.
     */
    Chunk detach(BuilderPool pool) {
        if (rowCount == 0) {
            return null;
        }
        Chunk chunk = new Chunk(copySql, rows, pool);
        rows = pool.take();
        firstColumn = true;
        rowCount = 0;
        return chunk;
    }

    /** Rows of one dl_* table, ready to be sent with one COPY. */
    static final class Chunk {
        private final String copySql;
        private final StringBuilder rows;
        private final BuilderPool pool;

        private Chunk(String copySql, StringBuilder rows, BuilderPool pool) {
            this.copySql = copySql;
            this.rows = rows;
            this.pool = pool;
        }

        void send(CopyManager copy) throws SQLException {
            try {
                copy.copyIn(copySql, new BuilderReader(rows));
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
            } finally {
                pool.give(rows);
            }
        }
    }

    /** Spare builders, so a 4 Mi-character buffer is not allocated again for every chunk. */
    static final class BuilderPool {
        private static final int KEEP = 8;
        private final java.util.concurrent.ConcurrentLinkedQueue<StringBuilder> spare =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        StringBuilder take() {
            StringBuilder b = spare.poll();
            return b != null ? b : new StringBuilder();
        }

        void give(StringBuilder b) {
            b.setLength(0);
            if (spare.size() < KEEP) {
                spare.offer(b);
            }
        }
    }

    void clear() {
        rows.setLength(0);
        firstColumn = true;
        rowCount = 0;
    }

    private void separator() {
        if (!firstColumn) {
            rows.append('\t');
        }
        firstColumn = false;
    }

    // COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    /** Reads the buffer in place (a 4 Mi-character buffer is not copied into a String first). */
    private static final class BuilderReader extends Reader {
        private final StringBuilder source;
        private int position;

        BuilderReader(StringBuilder source) {
            this.source = source;
        }

        @Override
        public int read(char[] into, int offset, int length) {
            if (position >= source.length()) {
                return -1;
            }
            int n = Math.min(length, source.length() - position);
            source.getChars(position, position + n, into, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
