package io.deltasql.store;

/** A version that would leave a gap after the head: "would leave a gap: head is 41, got 43". */
public class GapException extends StoreException {
    private final long head;
    private final long version;

    public GapException(String table, long head, long version) {
        super("table " + table + ": version " + version + " would leave a gap: head is " + head + ", got " + version);
        this.head = head;
        this.version = version;
    }

    public long head() {
        return head;
    }

    public long version() {
        return version;
    }
}
