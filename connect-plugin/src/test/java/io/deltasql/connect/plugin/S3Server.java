package io.deltasql.connect.plugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on loopback: s3proxy (in memory) as a process of its own, on the classpath
 * s3-server/pom.xml resolves (system property {@code s3.server.classpath}); objects are put with the AWS SDK
 * the plugin bundles (STACK-VERIFIED §3). Closing stops the process.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "plugin-it-access";
    static final String SECRET_KEY = "plugin-it-Secret-0";

    private final int port;
    private final JavaProcess process;
    private final S3Client client;

    private S3Server(int port, JavaProcess process) {
        this.port = port;
        this.process = process;
        this.client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    static S3Server start(Path dir, Duration timeout) throws IOException, InterruptedException {
        String classpath = Files.readString(Path.of(System.getProperty("s3.server.classpath"))).trim();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(Files.createDirectories(dir).resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient", "jclouds.identity=" + ACCESS_KEY, "jclouds.credential=" + SECRET_KEY, ""));
        JavaProcess p = JavaProcess.start("s3proxy", classpath, List.of("-Xmx256m"), "org.gaul.s3proxy.Main",
                List.of("--properties", conf.toString()), dir.resolve("s3proxy.log"));
        int chosen = port;
        PlainKafka.await("S3 server on 127.0.0.1:" + port, p, timeout, () -> accepts(chosen));
        return new S3Server(port, p);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Puts every file under {@code source} as {@code bucket/prefix/<relative path>}. */
    void upload(Path source, String bucket, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = prefix + "/" + source.relativize(f).toString().replace('\\', '/');
                client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(f));
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }
}
