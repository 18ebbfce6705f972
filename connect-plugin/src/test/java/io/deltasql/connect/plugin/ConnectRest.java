package io.deltasql.connect.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The few Kafka Connect REST calls the tests make, against a worker at {@code baseUrl}. */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, JsonNode body, String raw) {
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Response put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** True once the REST server answers {@code GET /}. */
    boolean isUp() {
        try {
            return get("/").status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code PUT /connectors/<name>/config}; retries while the worker answers 409 (the herder is still
     * joining its group or rebalancing) or 5xx (request timed out while it starts), up to {@code timeout}.
     */
    Response putConnectorConfig(String name, Map<String, String> config, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String path = "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/config";
        while (true) {
            Response r = put(path, config);
            boolean retry = r.status() == 409 || r.status() >= 500;
            if (!retry || Instant.now().isAfter(deadline)) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    /** {@code PUT /connector-plugins/<class>/config/validate}: the worker's full validation (Connect's keys too). */
    Response validate(String connectorClass, Map<String, String> config) throws IOException, InterruptedException {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return put("/connector-plugins/" + simpleName + "/config/validate", config);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        if (!r.body().isBlank()) {
            try {
                body = JSON.readTree(r.body());
            } catch (IOException notJson) {
                // keep the raw text for the failure message
            }
        }
        return new Response(r.statusCode(), body, r.body());
    }
}
