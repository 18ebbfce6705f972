package io.deltasql.reader;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.read.SqlSnapshot;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

/** A SQL snapshot as the actions of a checkpoint: protocol, metaData, txn, domainMetadata, then the live adds given. */
final class SnapshotActions implements CloseableIterator<Action> {
    private final Iterator<Action> head;
    private final CloseableIterator<AddFile> files;

    private SnapshotActions(Iterator<Action> head, CloseableIterator<AddFile> files) {
        this.head = head;
        this.files = files;
    }

    /** The snapshot's actions; closing them closes {@code files} (a fetch still running stops). */
    static CloseableIterator<Action> of(SqlSnapshot s, CloseableIterator<AddFile> files) {
        List<Action> head = new ArrayList<>();
        Stream.of(s.protocol(), s.metadata()).filter(Objects::nonNull).forEach(head::add);
        head.addAll(s.txns().values());
        head.addAll(s.domains().values());
        return new SnapshotActions(head.iterator(), files);
    }

    @Override
    public boolean hasNext() {
        return head.hasNext() || files.hasNext();
    }

    @Override
    public Action next() {
        if (head.hasNext()) {
            return head.next();
        }
        if (!files.hasNext()) {
            throw new NoSuchElementException();
        }
        return files.next();
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
