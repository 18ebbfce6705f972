package io.deltasql.store.write;

/**
 * How a {@link PgVersionWriter} batches work.
 *
 * @param groupMaxActions  group commit: keep committing consecutive versions in one transaction until
 *                         it holds at least this many actions; 0 = one transaction per version
 * @param groupMaxMillis   … or until the group has been open this long
 * @param copyBufferChars  rows buffered per dl_* table before a COPY is sent (bounds memory)
 */
public record WriterOptions(long groupMaxActions, long groupMaxMillis, int copyBufferChars) {
    public WriterOptions {
        if (groupMaxActions < 0 || groupMaxMillis < 0 || copyBufferChars < 1) {
            throw new IllegalArgumentException("writer options must be positive: " + groupMaxActions + ", "
                    + groupMaxMillis + ", " + copyBufferChars);
        }
    }

    /** Group commit of ≥ 5000 actions or 200 ms, 4 Mi characters per COPY. */
    public static WriterOptions defaults() {
        return new WriterOptions(5000, 200, 4 << 20);
    }

    /** One transaction per version. */
    public WriterOptions perVersion() {
        return new WriterOptions(0, 0, copyBufferChars);
    }

    public WriterOptions withCopyBufferChars(int chars) {
        return new WriterOptions(groupMaxActions, groupMaxMillis, chars);
    }

    public boolean groupCommit() {
        return groupMaxActions > 0 || groupMaxMillis > 0;
    }
}
