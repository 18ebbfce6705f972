package io.deltasql.log.replay;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;

/**
 * The part every slim {@link ReplaySink} shares: the latest protocol and metaData kept, each add
 * and remove handed to the subclass, every other action ignored.
 */
abstract class FileReplaySink implements ReplaySink {
    private Protocol protocol;
    private Metadata metadata;

    @Override
    public final void apply(Action action) {
        if (action instanceof AddFile add) {
            added(add);
        } else if (action instanceof RemoveFile remove) {
            removed(remove);
        } else if (action instanceof Protocol p) {
            protocol = p;
        } else if (action instanceof Metadata m) {
            metadata = m;
        }
    }

    /** An add, in log order: the file is live from now on. */
    protected abstract void added(AddFile add);

    /** A remove, in log order: the file is no longer live. */
    protected abstract void removed(RemoveFile remove);

    /** Only adds, removes, protocol and metaData are read, and of an add only its key and size. */
    @Override
    public final boolean liveFilesOnly() {
        return true;
    }

    @Override
    public final Protocol protocol() {
        return protocol;
    }

    @Override
    public final Metadata metadata() {
        return metadata;
    }
}
