package io.deltasql.log.commit;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.MalformedActionException;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** Reads one JSON commit file (NDJSON, one action per line) into its actions. */
public final class CommitReader {
    private CommitReader() {
    }

    /**
     * A commit read whole (commits are small): its actions in log order and its commit timestamp.
     *
     * @param json per action, the text of the line it came from when that line held exactly this
     *             action (JSON-equivalent to {@code ActionCodec.toJson} of it, since the action was
     *             parsed from it), else null (a line with several top-level keys); same size as
     *             {@code actions}. Lets a consumer that needs the JSON (the Kafka source) skip
     *             serialising the action again.
     */
    public record Commit(long version, long timestamp, List<Action> actions, List<String> json) {
        public Commit {
            actions = List.copyOf(actions);
            if (json.size() != actions.size()) {
                throw new IllegalArgumentException("one JSON text (or null) per action: " + json.size() + " for "
                        + actions.size() + " actions");
            }
            json = Collections.unmodifiableList(new ArrayList<>(json)); // nulls allowed, unlike List.copyOf
        }
    }

    /**
     * Reads commit {@code version}. Blank lines are skipped. A line that is not a valid action
     * (including a final line cut short by a crashed or still-writing writer) fails with PARSE,
     * naming the version, the line and the file.
     */
    public static Commit read(LogStorage storage, FileEntry file, long version) {
        String name = "_delta_log/" + LogFileName.commitName(version);
        List<Action> actions = new ArrayList<>();
        List<String> json = new ArrayList<>();
        String text;
        try (InputStream in = storage.open(file)) {
            // Read whole (commits are small, and their lines are kept as text anyway): no reader
            // and decoder buffers per file, which were a tenth of a long replay's CPU.
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot read version " + version + " from "
                    + name + ": " + oneLine(String.valueOf(e.getMessage())) + " (check the storage and retry)",
                    name, version, null, e);
        }
        // String.lines splits as readLine did: at LF, CR LF or a lone CR, no empty last line.
        Iterator<String> lines = text.lines().iterator();
        int lineNo = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                List<Action> parsed = CommitLines.parse(line);
                actions.addAll(parsed);
                if (parsed.size() == 1) {
                    json.add(line);
                } else {
                    parsed.forEach(a -> json.add(null)); // split line: no text of its own per action
                }
            } catch (MalformedActionException e) {
                throw new DeltaLogException(DeltaLogException.Kind.PARSE,
                        "cannot parse version " + version + ", line " + lineNo + " of " + name + ": "
                                + oneLine(e.getMessage())
                                + " (the commit is damaged or still being written; restore the file or retry)",
                        name, version, lineNo, e);
            }
        }
        return new Commit(version, timestamp(actions, file), actions, json);
    }

    /** {@code commitInfo.inCommitTimestamp} where the table has it, else the file's modification time. */
    static long timestamp(List<Action> actions, FileEntry file) {
        for (Action a : actions) {
            if (a instanceof CommitInfo ci && ci.inCommitTimestamp() != null) {
                return ci.inCommitTimestamp();
            }
        }
        return file.modificationTime();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
