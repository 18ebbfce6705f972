package io.deltasql.storage;

import io.deltasql.log.TableLocation;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a table's data files are read from by a Hadoop-based reader (Delta Kernel's default engine):
 * the table root as Hadoop names it ({@code az://} becomes {@code abfss://…}) and the Hadoop
 * configuration import uses for that location, so data files are read with the same storage
 * settings as the log was.
 */
public record DataFileStorage(String root, Configuration conf) {

    /** The storage of {@code location} with {@code settings} (short names or raw Hadoop keys, see {@link StorageSettings}). */
    public static DataFileStorage of(TableLocation location, StorageSettings settings) {
        String scheme = location.scheme().toLowerCase(Locale.ROOT);
        String root = location.toString();
        if (scheme.equals(AzureLocations.SCHEME)) {
            root = AzureLocations.toAbfss(root, settings);
        }
        Configuration conf = HadoopStores.configuration(TableLocation.of(root).uri(), settings, StorageRetry.of(settings));
        if (scheme.equals("file")) {
            // Data files are read as they are: a stale Hadoop .crc next to one (real tables carry some) is no error.
            conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
            conf.setBoolean("fs.file.impl.disable.cache", true);
        }
        return new DataFileStorage(root, conf);
    }
}
