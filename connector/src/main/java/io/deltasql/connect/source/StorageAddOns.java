package io.deltasql.connect.source;

import io.deltasql.connect.Versions;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The plugin's core archive reads local and S3 tables; Google Cloud Storage and Azure need an add-on
 * archive unzipped into the plugin's directory (docs/quickstart-connect.md, Cloud storage add-ons). The
 * storage layer loads a Hadoop file system by the location's scheme, so without the add-on a {@code gs://}
 * or {@code abfss://} table would fail deep inside Hadoop ("Class ... not found") and be retried as an I/O
 * error; this says in one line which archive to install instead, and the task stops.
 */
final class StorageAddOns {
    /** Scheme → the add-on's name and a class of the driver it brings. */
    private static final Map<String, String[]> DRIVERS = Map.of(
            "gs", new String[] {"gcs", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem"},
            "abfs", new String[] {"azure", "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem"},
            "abfss", new String[] {"azure", "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem"},
            "az", new String[] {"azure", "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem"});

    private StorageAddOns() {
    }

    /** Throws when {@code location} needs an add-on whose driver this plugin's class loader cannot load. */
    static void check(String table, URI location) {
        check(table, location, StorageAddOns::loadable);
    }

    static void check(String table, URI location, Predicate<String> loadable) {
        String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
        String[] driver = DRIVERS.get(scheme);
        if (driver != null && !loadable.test(driver[1])) {
            String archive = "deltasql-kafka-connect-deltasql-" + Versions.plugin() + "-" + driver[0] + ".zip";
            throw new MissingAddOnException("table " + table + ": " + scheme + ":// needs the plugin's " + driver[0]
                    + " add-on, which is not installed: unzip " + archive + " where the plugin's archive was unzipped "
                    + "(it adds lib/" + driver[0] + "/ to the plugin's directory) on every worker and restart them "
                    + "(docs/quickstart-connect.md, Cloud storage add-ons)");
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, StorageAddOns.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
