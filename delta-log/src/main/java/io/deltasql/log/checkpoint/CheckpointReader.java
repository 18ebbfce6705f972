package io.deltasql.log.checkpoint;

import io.deltasql.log.ActionSource;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Opens checkpoints of every layout. */
public final class CheckpointReader {
    static final String SIDECAR_DIR = "_sidecars";

    private CheckpointReader() {
    }

    /**
     * Opens {@code checkpoint}; sidecars are resolved in {@code logDir/_sidecars/}. Fails with a
     * {@link io.deltasql.log.DeltaLogException} of kind CORRUPT_CHECKPOINT naming the file when a
     * file or sidecar is missing or unreadable.
     *
     * <p>Opening reads every file's footer (and a V2 JSON top file once), counts the actions exactly
     * and resolves the sidecars, so such errors surface here, before anything streams. The actions
     * are: the rows of the top file(s) in part order, then the rows of each sidecar in the order the
     * top file lists them. Each non-null top-level column of a row is one action (normally exactly one
     * per row); all-null rows yield nothing.
     */
    public static CheckpointData open(LogStorage storage, String logDir, CheckpointFiles checkpoint) {
        long version = checkpoint.version();
        List<CheckpointPart> parts = new ArrayList<>();
        for (FileEntry f : checkpoint.files()) {
            parts.add(part(storage, logDir, f, version));
        }
        List<CheckpointPart> sidecarParts = new ArrayList<>();
        for (CheckpointPart top : parts) {
            for (Sidecar s : top.sidecars()) {
                FileEntry f = resolveSidecar(storage, logDir, s, version, top.displayName());
                sidecarParts.add(part(storage, logDir, f, version));
            }
        }
        parts.addAll(sidecarParts);
        long count = 0;
        for (CheckpointPart p : parts) {
            count += p.actionCount();
        }
        return new Opened(version, count, List.copyOf(parts));
    }

    private static CheckpointPart part(LogStorage storage, String logDir, FileEntry f, long version) {
        String display = CheckpointErrors.displayName(logDir, f.path());
        return f.name().endsWith(".json")
                ? new JsonCheckpointPart(storage, f, display, version)
                : new ParquetCheckpointPart(storage, f, display, version);
    }

    /**
     * The protocol keeps sidecars in {@code _delta_log/_sidecars/} and recommends storing only the
     * file name; an absolute path (any scheme) is looked up there by its file name first, then as given.
     */
    private static FileEntry resolveSidecar(LogStorage storage, String logDir, Sidecar s, long version,
                                            String referencedBy) {
        String path = s.path();
        String name = decodedName(path);
        String inSidecars = storage.resolve(storage.resolve(logDir, SIDECAR_DIR), name);
        try {
            FileEntry f = storage.stat(inSidecars);
            if (f == null && (path.contains(":") || path.startsWith("/"))) {
                f = storage.stat(path);
            }
            if (f == null) {
                throw CheckpointErrors.corrupt(version, CheckpointErrors.displayName(logDir, inSidecars),
                        "sidecar file is missing (listed in " + referencedBy + ")", null, null);
            }
            return f;
        } catch (IOException e) {
            throw CheckpointErrors.corrupt(version, CheckpointErrors.displayName(logDir, inSidecars), e);
        }
    }

    private static String decodedName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.indexOf('%') < 0) {
            return name;
        }
        try {
            return URI.create("file:/" + name).getPath().substring(1);
        } catch (IllegalArgumentException e) {
            return name; // not valid percent-encoding: the name is literal
        }
    }

    /** An opened checkpoint: the parts are counted; each {@link #actions()} open streams them again. */
    private record Opened(long version, long actionCount, List<CheckpointPart> parts) implements CheckpointData {
        @Override
        public ActionSource actions() {
            return () -> new Concat(parts, false);
        }

        @Override
        public ActionSource liveFileActions() {
            return () -> new Concat(parts, true);
        }
    }

    /** The parts' actions one after another, each part opened only when reached. */
    private static final class Concat implements CloseableIterator<Action> {
        private final List<CheckpointPart> parts;
        private final boolean liveFilesOnly;
        private int index;
        private CloseableIterator<Action> current;

        Concat(List<CheckpointPart> parts, boolean liveFilesOnly) {
            this.parts = parts;
            this.liveFilesOnly = liveFilesOnly;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (index >= parts.size()) {
                    return false;
                }
                CheckpointPart part = parts.get(index++);
                current = liveFilesOnly ? part.openLiveFiles() : part.open();
            }
            return true;
        }

        @Override
        public Action next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
            index = parts.size();
        }
    }
}
