package io.deltasql.storage;

import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3A settings of one bucket (endpoint, region, path style, TLS, retries, credential source),
 * read from the same Hadoop keys S3A uses, and the SDK v2 client built from them.
 *
 * @param endpoint         the endpoint URL, or null for AWS itself
 * @param region           the signing region, or null to let the SDK find the bucket's region
 * @param pathStyle        {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param maxAttempts      first try plus retries on throttling and transient errors
 * @param connectTimeout   {@code fs.s3a.connection.establish.timeout}
 * @param readTimeout      {@code fs.s3a.connection.timeout}
 * @param credentialSource a printable description of where the credentials come from
 */
record S3Endpoint(URI endpoint, String region, boolean pathStyle, int maxAttempts, java.time.Duration connectTimeout,
        java.time.Duration readTimeout, String credentialSource) {

    /** S3A's retry count for the SDK ({@code fs.s3a.attempts.maximum}); its own default. */
    private static final int DEFAULT_RETRIES = 5;

    static S3Endpoint of(Configuration bucketConf, AWSCredentialProviderList credentials) {
        String configured = bucketConf.getTrimmed("fs.s3a.endpoint", "");
        URI endpoint = null;
        if (!configured.isEmpty()) {
            boolean tls = bucketConf.getBoolean("fs.s3a.connection.ssl.enabled", true);
            endpoint = URI.create(configured.contains("://") ? configured : (tls ? "https://" : "http://") + configured);
        }
        String region = bucketConf.getTrimmed("fs.s3a.endpoint.region", "");
        if (region.isEmpty()) {
            region = endpoint != null ? "us-east-1" : null; // private stores ignore the region but the signer needs one
        }
        int retries = Math.max(0, bucketConf.getInt("fs.s3a.attempts.maximum", DEFAULT_RETRIES));
        return new S3Endpoint(endpoint, region, bucketConf.getBoolean("fs.s3a.path.style.access", false),
                retries + 1,
                java.time.Duration.ofMillis(bucketConf.getTimeDuration("fs.s3a.connection.establish.timeout", 30_000,
                        java.util.concurrent.TimeUnit.MILLISECONDS)),
                java.time.Duration.ofMillis(bucketConf.getTimeDuration("fs.s3a.connection.timeout", 200_000,
                        java.util.concurrent.TimeUnit.MILLISECONDS)),
                describeCredentials(bucketConf, credentials));
    }

    /** The endpoint URL of {@code bucket} for messages ("http://127.0.0.1:9000", or "AWS S3"). */
    static String describeEndpoint(Configuration conf, String bucket) {
        Configuration b = org.apache.hadoop.fs.s3a.S3AUtils.propagateBucketOptions(conf, bucket);
        String configured = b.getTrimmed("fs.s3a.endpoint", "");
        if (configured.isEmpty()) {
            return "AWS S3";
        }
        boolean tls = b.getBoolean("fs.s3a.connection.ssl.enabled", true);
        return configured.contains("://") ? configured : (tls ? "https://" : "http://") + configured;
    }

    /** A client for listing and HEAD requests, retrying throttling and transient errors with backoff. */
    S3Client newClient(AWSCredentialProviderList credentials, ExecutionInterceptor counter) {
        S3ClientBuilder b = S3Client.builder()
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(readTimeout))
                .forcePathStyle(pathStyle)
                // SDK >= 2.30 sends CRC trailers that several S3-compatible stores reject; listing needs none.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts).build()));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        if (region != null) {
            b.region(Region.of(region));
        } else {
            // Like S3A's default: no region configured → any bucket, found by redirect.
            b.region(Region.US_EAST_1).crossRegionAccessEnabled(true);
        }
        return b.build();
    }

    /** "endpoint http://127.0.0.1:9000, region us-east-1, path-style" or "AWS, region auto". */
    String describe() {
        return (endpoint == null ? "endpoint AWS" : "endpoint " + endpoint) + ", region "
                + (region == null ? "auto" : region) + (pathStyle ? ", path-style" : "");
    }

    private static String describeCredentials(Configuration conf, AWSCredentialProviderList credentials) {
        String accessKey = conf.getTrimmed("fs.s3a.access.key", "");
        if (!accessKey.isEmpty() && !conf.getTrimmed("fs.s3a.secret.key", "").isEmpty()) {
            return "access key " + Secrets.maskValue("fs.s3a.access.key", accessKey) + " from the settings";
        }
        String explicit = conf.getTrimmed("fs.s3a.aws.credentials.provider", "");
        String names = credentials.getProviders().stream().map(p -> p.getClass().getSimpleName())
                .collect(Collectors.joining(", "));
        return (explicit.isEmpty() ? "S3A default chain" : "configured providers").toLowerCase(Locale.ROOT)
                .replace("s3a", "S3A") + " [" + names + "]";
    }
}
