package io.deltasql.log.reader;

import io.deltasql.log.DeltaLogException;

/**
 * One commit file read on its own: how many actions it holds and its timestamp, or why it cannot
 * be read. Made by {@link DeltaLog#commitStats(LogInventory)}, which collects failures instead of
 * throwing them, so a report can name every damaged commit at once.
 *
 * @param actionCount the actions of the commit (0 when it cannot be read)
 * @param timestamp   {@code inCommitTimestamp} where the table has it, else the file's modification time (0 when unreadable)
 * @param failure     why the commit cannot be read (PARSE names the line, IO the storage problem); null when readable
 */
public record CommitStats(long version, int actionCount, long timestamp, DeltaLogException failure) {
    public boolean readable() {
        return failure == null;
    }
}
