package io.deltasql.store.write;

/**
 * When a group of whole versions is big or old enough to commit ({@link WriterOptions}): counts the
 * versions and actions ended since the last commit and when the group started.
 */
public final class GroupPolicy {
    private final WriterOptions options;
    private long actions;
    private long startedNanos;
    private int versions;

    public GroupPolicy(WriterOptions options) {
        this.options = options;
    }

    /** A version begins; the first of a group starts its clock. */
    public void versionBegun() {
        if (versions == 0) {
            startedNanos = System.nanoTime();
        }
    }

    public void versionEnded(long actionCount) {
        versions++;
        actions += actionCount;
    }

    /** Versions ended and not yet handed to a commit. */
    public int pendingVersions() {
        return versions;
    }

    /** Whether the group should commit now: always without group commit, else by size or age. */
    public boolean full() {
        if (!options.groupCommit()) {
            return true;
        }
        return options.groupMaxActions() > 0 && actions >= options.groupMaxActions()
                || options.groupMaxMillis() > 0 && (System.nanoTime() - startedNanos) / 1_000_000 >= options.groupMaxMillis();
    }

    /** The group was handed to a commit, or rolled back. */
    public void reset() {
        versions = 0;
        actions = 0;
    }
}
