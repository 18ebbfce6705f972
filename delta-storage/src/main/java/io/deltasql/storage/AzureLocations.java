package io.deltasql.storage;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.TableLocation;
import java.net.URI;

/**
 * The short Azure form {@code az://container/path}: the same location as
 * {@code abfss://container@<account>.dfs.core.windows.net/path}, with the account taken from the
 * setting {@code azure.account} (environment: {@code AZURE_STORAGE_ACCOUNT}); {@code abfs://} (no TLS) when
 * {@code azure.endpoint} is a plain {@code http://} URL, as for Azurite.
 */
public final class AzureLocations {
    public static final String SCHEME = "az";
    private static final String DFS_SUFFIX = ".dfs.core.windows.net";

    private AzureLocations() {
    }

    /** The {@code abfss://} root for the container of an {@code az://container/...} location. */
    public static String abfssRoot(URI azLocation, StorageSettings settings) {
        String container = azLocation.getAuthority();
        if (container == null || container.isEmpty()) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, azLocation + " has no container: write az://<container>/<path>");
        }
        String account = settings.get(StorageSettings.AZURE_ACCOUNT);
        if (account == null) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, azLocation + " needs the Azure storage account: set "
                    + "AZURE_STORAGE_ACCOUNT (or the setting " + StorageSettings.AZURE_ACCOUNT + "), or write "
                    + "abfss://" + container + "@<account>" + DFS_SUFFIX + "/<path>");
        }
        // An emulator or private endpoint on plain HTTP (Azurite) cannot be reached over abfss (TLS).
        String endpoint = settings.get(StorageSettings.AZURE_ENDPOINT);
        String scheme = endpoint != null && endpoint.toLowerCase(java.util.Locale.ROOT).startsWith("http://") ? "abfs" : "abfss";
        return scheme + "://" + container + "@" + account + DFS_SUFFIX;
    }

    /** {@code az://container/path} → {@code abfss://container@account.dfs.core.windows.net/path}. */
    public static String toAbfss(String azLocation, StorageSettings settings) {
        URI uri = TableLocation.of(azLocation).uri();
        String prefix = SCHEME + "://" + uri.getAuthority();
        return abfssRoot(uri, settings) + azLocation.substring(azLocation.indexOf(prefix) + prefix.length());
    }
}
