package io.deltasql.reader;

import io.deltasql.log.action.Action;
import io.deltasql.store.read.SqlSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A SQL snapshot's checkpoint actions other than its files: protocol, metaData, txn, domainMetadata. */
final class SnapshotActions {
    private SnapshotActions() {
    }

    static List<Action> of(SqlSnapshot s) {
        List<Action> head = new ArrayList<>();
        Stream.of(s.protocol(), s.metadata()).filter(Objects::nonNull).forEach(head::add);
        head.addAll(s.txns().values());
        head.addAll(s.domains().values());
        return head;
    }
}
