package io.deltasql.storage;

import io.deltasql.log.TableLocation;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.S3AUtils;
import org.apache.parquet.io.InputFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link LogStorage} for {@code s3://} and {@code s3a://} locations.
 *
 * <p>Reads ({@link #open}, {@link #parquetFile}) go through Hadoop's S3A (seekable streams, its
 * retry policy). Listing and {@link #stat} go through an AWS SDK v2 client instead, because S3A's
 * {@code listStatus} always starts at the beginning of a directory while {@code ListObjectsV2}
 * accepts {@code startAfter}: a poll or a resume lists only the keys after the last known version,
 * one request per 1000 new keys, however long the log is. That client shares S3A's credential
 * chain object and reads the same endpoint, region and path-style keys (per-bucket overrides
 * included), so both paths always talk to the same store as the same principal.
 *
 * <p>Every HTTP request of both clients is counted ({@link #requestCount()}). Failures are thrown as the
 * libraries raise them: {@link RetryingLogStorage} retries them and words them.
 */
public final class S3LogStorage implements LogStorage {
    /** S3A's key listing interceptor classes it instantiates for every client it builds. */
    static final String S3A_INTERCEPTORS = "fs.s3a.audit.execution.interceptors";

    private final String scheme;
    private final String bucket;
    private final AtomicLong requests = new AtomicLong();
    private final String counterId;
    private final HadoopLogStorage s3a;
    private final AWSCredentialProviderList credentials;
    private final S3Client client;
    private final S3Endpoint endpoint;

    /**
     * @param root     {@code s3://bucket/...} or {@code s3a://bucket/...}
     * @param conf     the Hadoop configuration with the S3A keys already applied (not modified)
     */
    public S3LogStorage(URI root, Configuration conf) throws IOException {
        this.scheme = root.getScheme();
        this.bucket = root.getAuthority();
        Configuration withCounter = new Configuration(conf);
        this.counterId = S3RequestCounter.register(requests);
        withCounter.set(S3RequestCounter.ID_KEY, counterId);
        String existing = withCounter.getTrimmed(S3A_INTERCEPTORS, "");
        withCounter.set(S3A_INTERCEPTORS, existing.isEmpty() ? S3RequestCounter.class.getName()
                : existing + "," + S3RequestCounter.class.getName());
        HadoopLogStorage opened = null;
        AWSCredentialProviderList shared = null;
        try {
            opened = new HadoopLogStorage(URI.create(scheme + "://" + bucket + "/"), withCounter);
            if (!(opened.fileSystem() instanceof S3AFileSystem fs)) {
                throw new IOException(scheme + ":// is mapped to " + opened.fileSystem().getClass().getName()
                        + ", not S3A (check fs." + scheme + ".impl)");
            }
            shared = fs.getS3AInternals().shareCredentials("deltasql log listing");
            this.endpoint = S3Endpoint.of(S3AUtils.propagateBucketOptions(withCounter, bucket), shared);
            this.client = endpoint.newClient(shared, new S3RequestCounter(requests));
        } catch (IOException | RuntimeException e) {
            S3RequestCounter.unregister(counterId);
            if (shared != null) {
                shared.close();
            }
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        this.s3a = opened;
        this.credentials = shared;
    }

    /** HTTP requests sent to S3 by this storage so far (S3A reads and SDK listings, retries included). */
    public long requestCount() {
        return requests.get();
    }

    /** Where the credentials come from, for messages: never the secret itself. */
    public String credentialSource() {
        return endpoint.credentialSource();
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        String base = TableLocation.withoutTrailingSlashes(dir);
        String prefix = keyOf(base).isEmpty() ? "" : keyOf(base) + "/";
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .delimiter("/"); // sub-directories (_sidecars/, _staged_commits/) come back as prefixes: skipped
        if (startAfter != null) {
            request.startAfter(prefix + startAfter);
        }
        List<FileEntry> entries = new ArrayList<>();
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(request.build())) {
            for (S3Object o : page.contents()) {
                String name = o.key().substring(prefix.length());
                if (!name.isEmpty()) { // "dir/" marker objects
                    entries.add(new FileEntry(base + "/" + name, name, o.size(), o.lastModified().toEpochMilli()));
                }
            }
        }
        entries.sort(Comparator.comparing(FileEntry::name)); // S3 sorts by UTF-8 bytes; make it String order
        return entries;
    }

    @Override
    public List<String> listDirectories(String dir) throws IOException {
        String base = TableLocation.withoutTrailingSlashes(dir);
        String prefix = keyOf(base).isEmpty() ? "" : keyOf(base) + "/";
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
        List<String> names = new ArrayList<>();
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
            page.commonPrefixes().forEach(p -> names.add(p.prefix().substring(prefix.length(), p.prefix().length() - 1)));
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        String p = TableLocation.withoutTrailingSlashes(path);
        String key = keyOf(p);
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (!key.isEmpty()) {
            try {
                HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
                return new FileEntry(p, name, head.contentLength(), head.lastModified().toEpochMilli());
            } catch (NoSuchKeyException e) {
                // not a file; maybe a directory (S3 has none: any key below the prefix makes one)
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
        }
        ListObjectsV2Response below = client.listObjectsV2(b -> b.bucket(bucket)
                .prefix(key.isEmpty() ? "" : key + "/").maxKeys(1));
        return below.keyCount() != null && below.keyCount() > 0 || !below.contents().isEmpty()
                ? new FileEntry(p, name, 0, 0) : null;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return s3a.open(path);
    }

    /**
     * A listed file (a commit, a checkpoint's JSON part) is one GET of the SDK client the listings
     * use: S3A's open first asks for the object's status (a HEAD), and its stream's set-up costs
     * more CPU than the small commit it reads (10,000 commits over loopback: 28 CPU-s through S3A).
     */
    @Override
    public InputStream open(FileEntry file) throws IOException {
        String key = keyOf(TableLocation.withoutTrailingSlashes(file.path()));
        try {
            return client.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw (FileNotFoundException) new FileNotFoundException(file.path() + " (HTTP 404 NoSuchKey)").initCause(e);
        }
    }

    @Override
    public int readsAhead() {
        return REMOTE_READS_AHEAD;
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        return s3a.parquetFile(file);
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
            credentials.close();
            s3a.close();
        } finally {
            S3RequestCounter.unregister(counterId);
        }
    }

    @Override
    public String toString() {
        return "S3LogStorage{" + scheme + "://" + bucket + ", " + endpoint.describe() + ", credentials: "
                + endpoint.credentialSource() + ", requests=" + requests.get() + "}";
    }

    /** The object key of {@code scheme://bucket/key} (no URI decoding: the same as Hadoop's {@code Path}). */
    private String keyOf(String path) {
        int start = path.indexOf("://");
        if (start < 0) {
            throw new IllegalArgumentException("not an S3 location: " + path);
        }
        int slash = path.indexOf('/', start + 3);
        return slash < 0 ? "" : path.substring(slash + 1);
    }
}
