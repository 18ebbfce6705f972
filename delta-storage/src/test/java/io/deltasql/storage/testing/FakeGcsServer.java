package io.deltasql.storage.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A small Google Cloud Storage on loopback for tests: the JSON API calls the GCS connector makes to
 * list and read objects ({@code GET /storage/v1/b/B}, {@code GET /storage/v1/b/B/o?prefix=&delimiter=/},
 * {@code GET /storage/v1/b/B/o/OBJECT}, media downloads with {@code Range}), served from a temp dir
 * ({@code root/B/OBJECT}), plus the two token endpoints credentials use: OAuth's {@code /token} for a
 * service-account key (the JWT assertion's RS256 signature is checked against the keys this server
 * issued) and the metadata server's {@code /computeMetadata/v1/instance/service-accounts/default/token}.
 * Storage calls without the issued bearer token get 401. Every request is recorded
 * ({@link #calls()}); anything else gets 501, so an unknown call shows in the record.
 *
 * <p>No GCS emulator can be installed here (none in Maven Central, Debian or npm runs offline), so the
 * connector is pointed at this server with its root URL ({@code gcs.endpoint} →
 * {@code fs.gs.storage.root.url}).
 */
public final class FakeGcsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, PublicKey> serviceAccounts = new ConcurrentHashMap<>();
    private final String token = "ya29.fake-" + UUID.randomUUID();

    public FakeGcsServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-gcs");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The connector's {@code fs.gs.storage.root.url}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** {@code host:port}, e.g. for {@code GCE_METADATA_HOST}. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The bearer token this server issues: it must never appear in any output. */
    public String issuedToken() {
        return token;
    }

    /** Requests so far, as {@code "GET /storage/v1/b/lake/o?prefix=…"} (path and query as sent). */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public void createBucket(String bucket) throws IOException {
        Files.createDirectories(root.resolve(bucket));
    }

    /** Copies a local directory tree to objects {@code bucket/prefix/...}. */
    public void upload(Path source, String bucket, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    Path target = root.resolve(bucket).resolve(prefix).resolve(source.relativize(p).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A service-account key file (as the Cloud console downloads it) whose token_uri is this server. */
    public Path newServiceAccountKey(Path dir, String name) throws Exception {
        KeyPair pair = newKeyPair();
        String email = name + "@deltasql-test.iam.gserviceaccount.com";
        serviceAccounts.put(email, pair.getPublic());
        return writeKeyFile(dir, name, email, pair);
    }

    /** A key file for a known service account but signed with another key: "wrong credentials". */
    public Path wrongServiceAccountKey(Path dir, String name) throws Exception {
        KeyPair registered = newKeyPair();
        String email = name + "@deltasql-test.iam.gserviceaccount.com";
        serviceAccounts.put(email, registered.getPublic());
        return writeKeyFile(dir, name, email, newKeyPair());
    }

    /** Stops answering: new connections are refused (an endpoint that goes away). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private Path writeKeyFile(Path dir, String name, String email, KeyPair pair) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode();
        key.put("type", "service_account");
        key.put("project_id", "deltasql-test");
        key.put("private_key_id", UUID.randomUUID().toString().replace("-", ""));
        key.put("private_key", pem);
        key.put("client_email", email);
        key.put("client_id", "1234567890");
        key.put("auth_uri", rootUrl() + "auth");
        key.put("token_uri", rootUrl() + "token");
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key));
        return file;
    }

    private void handle(HttpExchange ex) throws IOException {
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        calls.add(ex.getRequestMethod() + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        try (ex) {
            Map<String, String> query = parseQuery(rawQuery);
            if (rawPath.equals("/token") && ex.getRequestMethod().equals("POST")) {
                oauthToken(ex);
            } else if (rawPath.startsWith("/computeMetadata/v1") || rawPath.equals("/")
                    && "Google".equals(ex.getRequestHeaders().getFirst("Metadata-Flavor"))) {
                metadata(ex, rawPath);
            } else if (!ex.getRequestMethod().equals("GET")) {
                error(ex, 501, "not implemented by the fake: " + ex.getRequestMethod());
            } else if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, "Invalid Credentials");
            } else if (rawPath.startsWith("/download/storage/v1/b/")) {
                storage(ex, rawPath.substring("/download/storage/v1/b/".length()), Map.of("alt", "media"));
            } else if (rawPath.startsWith("/storage/v1/b/")) {
                storage(ex, rawPath.substring("/storage/v1/b/".length()), query);
            } else {
                error(ex, 501, "not implemented by the fake: " + rawPath);
            }
        } catch (RuntimeException e) {
            error(ex, 500, String.valueOf(e));
        }
    }

    /** {@code BUCKET}, {@code BUCKET/o}, {@code BUCKET/o/OBJECT} (the object URL-encoded). */
    private void storage(HttpExchange ex, String rest, Map<String, String> query) throws IOException {
        String[] parts = rest.split("/", 3);
        String bucket = decode(parts[0]);
        Path bucketDir = root.resolve(bucket);
        if (!Files.isDirectory(bucketDir)) {
            error(ex, 404, "The specified bucket does not exist.");
            return;
        }
        if (parts.length == 1) {
            ObjectNode b = JSON.createObjectNode();
            b.put("kind", "storage#bucket");
            b.put("id", bucket);
            b.put("name", bucket);
            b.put("location", "US");
            b.put("storageClass", "STANDARD");
            b.put("timeCreated", "2024-01-01T00:00:00.000Z");
            b.put("updated", "2024-01-01T00:00:00.000Z");
            json(ex, 200, b);
        } else if (parts.length == 2 || parts[2].isEmpty()) {
            list(ex, bucket, bucketDir, query);
        } else {
            String object = decode(parts[2]);
            Path file = bucketDir.resolve(object);
            if (object.endsWith("/") || !Files.isRegularFile(file)) {
                error(ex, 404, "No such object: " + bucket + "/" + object);
            } else if ("media".equals(query.get("alt"))) {
                media(ex, file);
            } else {
                json(ex, 200, objectJson(bucket, object, file));
            }
        }
    }

    private void list(HttpExchange ex, String bucket, Path bucketDir, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int max = Integer.parseInt(query.getOrDefault("maxResults", "1000"));
        String startOffset = query.get("startOffset");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(bucketDir)) {
            files.filter(Files::isRegularFile).forEach(p -> names.add(bucketDir.relativize(p).toString().replace('\\', '/')));
        }
        List<String> entries = new ArrayList<>(); // object names, and prefixes ending in the delimiter
        TreeSet<String> prefixes = new TreeSet<>();
        for (String n : names) {
            if (!n.startsWith(prefix) || startOffset != null && n.compareTo(startOffset) < 0) {
                continue;
            }
            String after = n.substring(prefix.length());
            int d = delimiter == null ? -1 : after.indexOf(delimiter);
            if (d >= 0) {
                String p = prefix + after.substring(0, d + delimiter.length());
                if (prefixes.add(p)) {
                    entries.add(p);
                }
            } else {
                entries.add(n);
            }
        }
        int from = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken")) : 0;
        int to = Math.min(entries.size(), from + Math.max(1, max));
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", "storage#objects");
        ArrayNode items = JSON.createArrayNode();
        ArrayNode outPrefixes = JSON.createArrayNode();
        for (String e : entries.subList(from, to)) {
            if (prefixes.contains(e)) {
                outPrefixes.add(e);
            } else {
                items.add(objectJson(bucket, e, bucketDir.resolve(e)));
            }
        }
        if (!items.isEmpty()) {
            out.set("items", items);
        }
        if (!outPrefixes.isEmpty()) {
            out.set("prefixes", outPrefixes);
        }
        if (to < entries.size()) {
            out.put("nextPageToken", Integer.toString(to));
        }
        json(ex, 200, out);
    }

    private void media(HttpExchange ex, Path file) throws IOException {
        long size = Files.size(file);
        String range = ex.getRequestHeaders().getFirst("Range");
        long start = 0;
        long end = size - 1;
        if (range != null && range.startsWith("bytes=")) {
            String[] se = range.substring(6).split("-", -1);
            if (!se[0].isEmpty()) {
                start = Long.parseLong(se[0]);
                if (!se[1].isEmpty()) {
                    end = Math.min(end, Long.parseLong(se[1]));
                }
            } else if (!se[1].isEmpty()) {
                start = Math.max(0, size - Long.parseLong(se[1]));
            }
            if (start >= size && size > 0) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                error(ex, 416, "The requested range cannot be satisfied.");
                return;
            }
        }
        long length = Math.max(0, end - start + 1);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.getResponseHeaders().set("x-goog-generation", Long.toString(generation(file)));
        ex.getResponseHeaders().set("x-goog-stored-content-length", Long.toString(size));
        boolean partial = range != null;
        if (partial) {
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        ex.sendResponseHeaders(partial ? 206 : 200, length == 0 ? -1 : length);
        if (length > 0) {
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.skipNBytes(start);
                byte[] buf = new byte[8192];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
    }

    private ObjectNode objectJson(String bucket, String name, Path file) {
        try {
            long size = Files.size(file);
            String updated = Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()).toString();
            ObjectNode o = JSON.createObjectNode();
            o.put("kind", "storage#object");
            o.put("id", bucket + "/" + name + "/" + generation(file));
            o.put("name", name);
            o.put("bucket", bucket);
            o.put("generation", Long.toString(generation(file)));
            o.put("metageneration", "1");
            o.put("contentType", "application/octet-stream");
            o.put("storageClass", "STANDARD");
            o.put("size", Long.toString(size));
            o.put("timeCreated", updated);
            o.put("updated", updated);
            return o;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long generation(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toMillis() * 1000 + 1;
    }

    /** OAuth 2.0 JWT bearer grant: a service-account key signs an assertion; a wrong key is invalid_grant. */
    private void oauthToken(HttpExchange ex) throws IOException {
        Map<String, String> form = parseQuery(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String assertion = form.getOrDefault("assertion", "");
        String[] jwt = assertion.split("\\.");
        if (jwt.length != 3) {
            oauthError(ex, "invalid_request", "no JWT assertion");
            return;
        }
        try {
            Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(jwt[1]), Map.class);
            PublicKey key = serviceAccounts.get(String.valueOf(claims.get("iss")));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            if (key != null) {
                rs256.initVerify(key);
                rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            }
            if (key == null || !rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                oauthError(ex, "invalid_grant", "Invalid JWT Signature.");
                return;
            }
        } catch (Exception e) {
            oauthError(ex, "invalid_grant", "Invalid JWT: " + e.getClass().getSimpleName());
            return;
        }
        tokenResponse(ex);
    }

    private void metadata(HttpExchange ex, String path) throws IOException {
        ex.getResponseHeaders().set("Metadata-Flavor", "Google");
        if (!"Google".equals(ex.getRequestHeaders().getFirst("Metadata-Flavor"))) {
            error(ex, 403, "Missing Metadata-Flavor:Google header.");
        } else if (path.endsWith("/instance/service-accounts/default/token")) {
            tokenResponse(ex);
        } else if (path.endsWith("/project/project-id")) {
            text(ex, 200, "deltasql-test");
        } else if (path.equals("/") || path.equals("/computeMetadata/v1") || path.equals("/computeMetadata/v1/")) {
            // the library's "am I on GCE?" ping
            text(ex, 200, "instance/\nproject/\n");
        } else {
            error(ex, 404, "no such metadata: " + path);
        }
    }

    private void tokenResponse(HttpExchange ex) throws IOException {
        ObjectNode t = JSON.createObjectNode();
        t.put("access_token", token);
        t.put("expires_in", 3599);
        t.put("token_type", "Bearer");
        json(ex, 200, t);
    }

    private static void oauthError(HttpExchange ex, String error, String description) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("error", error);
        e.put("error_description", description);
        json(ex, 400, e);
    }

    private static void error(HttpExchange ex, int code, String message) throws IOException {
        ObjectNode err = JSON.createObjectNode();
        ObjectNode inner = err.putObject("error");
        inner.put("code", code);
        inner.put("message", message);
        ObjectNode detail = inner.putArray("errors").addObject();
        detail.put("message", message);
        detail.put("domain", "global");
        detail.put("reason", code == 404 ? "notFound" : code == 401 ? "authError" : code == 403 ? "forbidden" : "backendError");
        json(ex, code, err);
    }

    private static void json(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            out.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
