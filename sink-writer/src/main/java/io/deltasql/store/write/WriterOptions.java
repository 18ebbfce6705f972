package io.deltasql.store.write;

/**
 * How a {@link PgVersionWriter} batches work.
 *
 * @param groupMaxActions   group commit: keep committing consecutive versions in one transaction until
 *                          it holds at least this many actions; 0 = one transaction per version
 * @param groupMaxMillis    … or until the group has been open this long
 * @param copyBufferChars   rows buffered per dl_* table before a COPY is sent (bounds memory)
 * @param synchronousCommit false = {@code SET synchronous_commit = off} for the writer's session: a
 *                          commit returns before its WAL is flushed. A server crash may then lose the
 *                          last few committed versions (never part of one: the database stays
 *                          consistent and the head says where to resume, so a resumed import
 *                          re-imports them). True (the default) keeps PostgreSQL's setting.
 */
public record WriterOptions(long groupMaxActions, long groupMaxMillis, int copyBufferChars, boolean synchronousCommit) {
    public WriterOptions {
        if (groupMaxActions < 0 || groupMaxMillis < 0 || copyBufferChars < 1) {
            throw new IllegalArgumentException("writer options must be positive: " + groupMaxActions + ", "
                    + groupMaxMillis + ", " + copyBufferChars);
        }
    }

    /** With synchronous commit (the server's setting). */
    public WriterOptions(long groupMaxActions, long groupMaxMillis, int copyBufferChars) {
        this(groupMaxActions, groupMaxMillis, copyBufferChars, true);
    }

    /** Group commit of ≥ 5000 actions or 200 ms, 4 Mi characters per COPY, synchronous commit. */
    public static WriterOptions defaults() {
        return new WriterOptions(5000, 200, 4 << 20, true);
    }

    /** One transaction per version. */
    public WriterOptions perVersion() {
        return new WriterOptions(0, 0, copyBufferChars, synchronousCommit);
    }

    /** Group commit: a transaction ends once it holds {@code actions} actions or has been open {@code millis} ms. */
    public WriterOptions withGroup(long actions, long millis) {
        return new WriterOptions(actions, millis, copyBufferChars, synchronousCommit);
    }

    public WriterOptions withCopyBufferChars(int chars) {
        return new WriterOptions(groupMaxActions, groupMaxMillis, chars, synchronousCommit);
    }

    /** See {@code synchronousCommit}: false trades the durability of the last few commits for speed. */
    public WriterOptions withSynchronousCommit(boolean on) {
        return new WriterOptions(groupMaxActions, groupMaxMillis, copyBufferChars, on);
    }

    public boolean groupCommit() {
        return groupMaxActions > 0 || groupMaxMillis > 0;
    }
}
