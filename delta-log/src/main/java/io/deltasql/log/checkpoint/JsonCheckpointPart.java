package io.deltasql.log.checkpoint;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A V2 checkpoint top file in NDJSON ({@code v.checkpoint.<uuid>.json}): one action per non-blank
 * line, parsed with {@link ActionCodec#parse} like a commit. Opening it reads the file once to count
 * the lines and collect the sidecar actions; only lines mentioning {@code sidecar} are parsed then.
 */
final class JsonCheckpointPart implements CheckpointPart {
    private final LogStorage storage;
    private final FileEntry file;
    private final String displayName;
    private final long version;
    private final long actionCount;
    private final List<Sidecar> sidecars;

    JsonCheckpointPart(LogStorage storage, FileEntry file, String displayName, long version) {
        this.storage = storage;
        this.file = file;
        this.displayName = displayName;
        this.version = version;
        long count = 0;
        List<Sidecar> found = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = reader()) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                count++;
                if (line.contains("sidecar")) {
                    Action a = parse(line, lineNo);
                    if (a instanceof Sidecar s) {
                        found.add(s);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw CheckpointErrors.corrupt(version, displayName, e);
        }
        this.actionCount = count;
        this.sidecars = List.copyOf(found);
    }

    private BufferedReader reader() throws IOException {
        return new BufferedReader(new InputStreamReader(storage.open(file), StandardCharsets.UTF_8), 1 << 16);
    }

    private Action parse(String line, int lineNo) {
        try {
            return ActionCodec.parse(line);
        } catch (RuntimeException e) {
            throw CheckpointErrors.corrupt(version, displayName, "line " + lineNo + ": " + CheckpointErrors.reason(e),
                    lineNo, e);
        }
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public long actionCount() {
        return actionCount;
    }

    @Override
    public List<Sidecar> sidecars() {
        return sidecars;
    }

    @Override
    public CloseableIterator<Action> open() {
        BufferedReader in;
        try {
            in = reader();
        } catch (IOException e) {
            throw CheckpointErrors.corrupt(version, displayName, e);
        }
        return new CloseableIterator<>() {
            private Action nextAction;
            private int lineNo;
            private boolean closed;

            @Override
            public boolean hasNext() {
                if (nextAction != null) {
                    return true;
                }
                if (closed) {
                    return false;
                }
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lineNo++;
                        if (!line.isBlank()) {
                            nextAction = parse(line, lineNo);
                            return true;
                        }
                    }
                } catch (IOException e) {
                    close();
                    throw CheckpointErrors.corrupt(version, displayName, "line " + lineNo + ": "
                            + CheckpointErrors.reason(e), lineNo, e);
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
                close();
                return false;
            }

            @Override
            public Action next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Action a = nextAction;
                nextAction = null;
                return a;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        in.close();
                    } catch (IOException e) {
                        // read-only; nothing to lose
                    }
                }
            }
        };
    }
}
