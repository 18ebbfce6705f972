package io.deltasql.storage.testing;

import io.deltasql.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * s3proxy in this JVM on 127.0.0.1 (STACK-VERIFIED §3), backed by jclouds' in-memory ("transient")
 * store: tests create objects through the store in-process (10k commits in about a second), and
 * the code under test reads them over real S3 HTTP with signature checks. Shared with the cli and
 * connector tests through delta-log's test-jar.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "deltasql-access";
    public static final String SECRET_KEY = "s3cr3t-Value-Never-Printed";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public S3ProxyServer() throws Exception {
        this.context = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        this.proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Settings as a MinIO user would give them: endpoint, path-style, region, keys. */
    public StorageSettings settings() {
        return settings(ACCESS_KEY, SECRET_KEY);
    }

    public StorageSettings settings(String accessKey, String secretKey) {
        return StorageSettings.of(Map.of(
                StorageSettings.S3_ENDPOINT, endpoint(),
                StorageSettings.S3_PATH_STYLE, "true",
                StorageSettings.S3_REGION, "us-east-1",
                StorageSettings.S3_ACCESS_KEY, accessKey,
                StorageSettings.S3_SECRET_KEY, secretKey));
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Copies a local directory tree to {@code bucket/prefix} (files become objects). */
    public void upload(Path source, String bucket, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    put(bucket, prefix + "/" + source.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
    }

    /**
     * Stores one object through the jclouds store s3proxy serves (in-process, no HTTP): like a PUT,
     * it records the ETag real stores always have, and it is fast enough for 10k objects.
     */
    public void put(String bucket, String key, byte[] content) {
        BlobStore store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(content).contentLength(content.length).build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
