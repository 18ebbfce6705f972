package io.deltasql.storage;

import java.io.FileNotFoundException;

/** The bucket or container of a location does not exist (found when its directory listing came back empty). */
final class StorageBucketMissing extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    StorageBucketMissing(String message) {
        super(message);
    }
}
