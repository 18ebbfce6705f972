package io.deltasql.storage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one bound on how long a storage operation is retried: the setting {@code retry.timeout}
 * (CLI {@code --storage-retry-timeout}, connector {@code storage.retry.timeout}; default
 * {@value #DEFAULT_SECONDS}s). deltasql retries a failed list/stat/open/read itself
 * ({@link RetryingLogStorage}: connection refused or reset, timeouts, HTTP 429/5xx) with growing
 * pauses until the bound is spent, then fails with one line; the cloud libraries are told not to retry
 * on their own ({@link #libraryKeys}), so their retry loops (S3A: 7 × 5 with backoff, GCS: 10,
 * ABFS: 30) no longer add up to minutes behind our back.
 */
public final class StorageRetry {
    public static final long DEFAULT_SECONDS = 30;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private final Duration timeout;

    private StorageRetry(Duration timeout) {
        this.timeout = timeout;
    }

    public static StorageRetry of(StorageSettings settings) {
        String v = settings.get(StorageSettings.RETRY_TIMEOUT);
        return new StorageRetry(v == null ? Duration.ofSeconds(DEFAULT_SECONDS) : parse(v));
    }

    public static StorageRetry of(Duration timeout) {
        return new StorageRetry(timeout);
    }

    /** "30s", "2m", "500ms", "1h", or a plain number of seconds. */
    public static Duration parse(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(StorageSettings.RETRY_TIMEOUT + "=" + value
                    + " is not a duration: write e.g. 30s, 2m or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public Duration timeout() {
        return timeout;
    }

    /** The pause before retry number {@code attempt} (1-based): 0.25 s doubling up to 4 s. */
    static Duration pause(int attempt) {
        return Duration.ofMillis(Math.min(4000, 250L << Math.min(4, attempt - 1)));
    }

    /**
     * Hadoop keys that make each library fail fast and leave retrying to us: no library retries,
     * and a connect/read timeout no longer than the bound (so a black-holed host is noticed within it).
     * Raw {@code fs.*} settings given by the user still win (they are applied after these).
     */
    public Map<String, String> libraryKeys() {
        long ms = Math.max(1000, timeout.toMillis());
        long connectMs = Math.min(ms, 10_000);
        long readMs = Math.min(ms, 60_000);
        Map<String, String> k = new LinkedHashMap<>();
        // S3A: its invoker's retries, the SDK's retries, throttling retries; timeouts.
        k.put("fs.s3a.retry.limit", "0");
        k.put("fs.s3a.attempts.maximum", "0");
        k.put("fs.s3a.retry.throttle.limit", "0");
        k.put("fs.s3a.connection.establish.timeout", connectMs + "ms");
        k.put("fs.s3a.connection.timeout", readMs + "ms");
        // GCS connector: the HTTP client's retries and timeouts (milliseconds).
        k.put("fs.gs.http.max.retry", "0");
        k.put("fs.gs.http.connect-timeout", Long.toString(connectMs));
        k.put("fs.gs.http.read-timeout", Long.toString(readMs));
        // ABFS: its exponential retry policy (30 retries up to 30 s apart by default) and timeouts.
        k.put("fs.azure.io.retry.max.retries", "0");
        k.put("fs.azure.oauth.token.fetch.retry.max.retries", "0");
        k.put("fs.azure.http.connection.timeout", Long.toString(connectMs));
        k.put("fs.azure.http.read.timeout", Long.toString(readMs));
        return k;
    }

    /** "30s", "1m30s". */
    public static String format(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 60) {
            return s == 0 && !d.isZero() ? d.toMillis() + "ms" : s + "s";
        }
        return s / 60 + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
    }

    @Override
    public String toString() {
        return "retry storage for up to " + format(timeout);
    }
}
