package io.deltasql.connect;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Storage options passed through to Hadoop: connector key {@code storage.fs.s3a.endpoint} becomes
 * Hadoop key {@code fs.s3a.endpoint}. Values of keys that look secret are masked in {@link #toString()}.
 */
public final class StorageSettings {
    public static final String PREFIX = "storage.";
    private static final Pattern SECRET = Pattern.compile(
            ".*(secret|password|passwd|token|credential|session|sas|access\\.key|account\\.key).*");

    private final Map<String, String> settings;

    private StorageSettings(Map<String, String> settings) {
        this.settings = settings;
    }

    public static StorageSettings from(Map<String, String> connectorConfig) {
        Map<String, String> s = new TreeMap<>();
        connectorConfig.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && k.length() > PREFIX.length() && v != null) {
                s.put(k.substring(PREFIX.length()), v);
            }
        });
        return new StorageSettings(s);
    }

    /** The Hadoop keys and values, unmasked: for the storage layer only, never for logs. */
    public Map<String, String> hadoopSettings() {
        return Map.copyOf(settings);
    }

    public static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        Map<String, String> masked = new TreeMap<>();
        settings.forEach((k, v) -> masked.put(k, isSecret(k) ? "********" : v));
        return masked.toString();
    }
}
