package io.deltasql.reader;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.read.SqlSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A SQL snapshot as the actions of a checkpoint: protocol, metaData, txn, domainMetadata, then the live adds given. */
final class SnapshotActions {
    private SnapshotActions() {
    }

    static Iterator<Action> of(SqlSnapshot s, List<AddFile> files) {
        List<Action> head = new ArrayList<>();
        Stream.of(s.protocol(), s.metadata()).filter(Objects::nonNull).forEach(head::add);
        head.addAll(s.txns().values());
        head.addAll(s.domains().values());
        return Stream.concat(head.stream(), files.stream()).iterator();
    }
}
