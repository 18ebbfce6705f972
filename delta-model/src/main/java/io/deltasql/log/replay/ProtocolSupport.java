package io.deltasql.log.replay;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.action.Protocol;
import java.util.List;
import java.util.Set;

/**
 * Decides whether deltasql may read a table's log under its protocol. deltasql reads metadata,
 * not data, so every reader feature that only changes how data files are read is fine; what it
 * must refuse is an unknown reader version or feature (it may change what the log means), and a
 * catalog-managed table (its latest commits are not in the files at all).
 */
public final class ProtocolSupport {
    public static final int MAX_READER_VERSION = 3;

    private static final Set<String> CATALOG_FEATURES = Set.of("catalogManaged", "catalogOwned-preview");

    private static final Set<String> KNOWN_READER_FEATURES = Set.of(
            "columnMapping", "deletionVectors", "timestampNtz", "typeWidening", "typeWidening-preview",
            "v2Checkpoint", "vacuumProtocolCheck", "variantType", "variantType-preview",
            "variantShredding", "variantShredding-preview");

    private ProtocolSupport() {
    }

    public static void check(Protocol protocol, long version, String location) {
        List<String> features = protocol.readerFeatures() == null ? List.of() : protocol.readerFeatures();
        for (String f : features) {
            if (CATALOG_FEATURES.contains(f)) {
                throw new DeltaLogException(DeltaLogException.Kind.UNSUPPORTED, "table " + location + " at version "
                        + version + " is catalog-managed (reader feature " + f + "): the files are not the whole "
                        + "truth: commits live in a catalog; read this table through its catalog", null, version, null,
                        null);
            }
        }
        int reader = protocol.minReaderVersion() == null ? 1 : protocol.minReaderVersion();
        if (reader > MAX_READER_VERSION) {
            throw new DeltaLogException(DeltaLogException.Kind.UNSUPPORTED, "table " + location + " at version "
                    + version + " requires reader version " + reader + "; deltasql reads versions 1 to "
                    + MAX_READER_VERSION + " (upgrade deltasql, or check the protocol action)", null, version, null, null);
        }
        for (String f : features) {
            if (!KNOWN_READER_FEATURES.contains(f)) {
                throw new DeltaLogException(DeltaLogException.Kind.UNSUPPORTED, "table " + location + " at version "
                        + version + " requires the unknown reader feature '" + f + "' (upgrade deltasql, or check "
                        + "the protocol action)", null, version, null, null);
            }
        }
    }
}
