package io.deltasql.synth;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the generator tracks to write valid commits and checkpoints: protocol, metadata, txns, the
 * live files (indexable, so a random one can be removed in O(1)) and the tombstones.
 */
final class SyntheticState {
    Protocol protocol;
    Metadata metadata;
    long version = -1;
    final Map<String, Txn> txns = new LinkedHashMap<>();
    private final List<AddFile> live = new ArrayList<>();
    private final Map<String, Integer> liveIndex = new HashMap<>();
    private final Map<String, RemoveFile> tombstones = new LinkedHashMap<>();

    void apply(Action a) {
        if (a instanceof AddFile add) {
            tombstones.remove(add.path());
            Integer at = liveIndex.get(add.path());
            if (at != null) {
                live.set(at, add);
            } else {
                liveIndex.put(add.path(), live.size());
                live.add(add);
            }
        } else if (a instanceof RemoveFile r) {
            Integer at = liveIndex.remove(r.path());
            if (at != null) {
                AddFile last = live.remove(live.size() - 1);
                if (at < live.size()) {
                    live.set(at, last);
                    liveIndex.put(last.path(), at);
                }
            }
            tombstones.put(r.path(), r);
        } else if (a instanceof Metadata m) {
            metadata = m;
        } else if (a instanceof Protocol p) {
            protocol = p;
        } else if (a instanceof Txn t) {
            txns.put(t.appId(), t);
        }
    }

    int liveCount() {
        return live.size();
    }

    AddFile randomLive(SplittableRandom r) {
        return live.get(r.nextInt(live.size()));
    }

    List<AddFile> liveFiles() {
        return live;
    }

    Iterable<RemoveFile> tombstones() {
        return tombstones.values();
    }

    /** Rebuilds the state of an existing synthetic table from its commits 0..n (for appending). */
    static SyntheticState replay(Path log) throws IOException {
        SyntheticState s = new SyntheticState();
        for (long v = 0; ; v++) {
            Path commit = log.resolve(SyntheticTableWriter.commitName(v));
            if (!Files.exists(commit)) {
                if (v == 0) {
                    throw new IOException("cannot append to " + log + ": commit 0 is missing (only tables written"
                            + " by SyntheticTableWriter.write can be appended to)");
                }
                break;
            }
            try (BufferedReader in = Files.newBufferedReader(commit, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        s.apply(ActionCodec.parse(line));
                    }
                }
            }
            s.version = v;
        }
        return s;
    }
}
