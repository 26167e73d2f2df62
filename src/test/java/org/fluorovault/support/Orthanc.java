package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A running Orthanc (Debian's 1.10) on loopback with its storage in a temporary folder, for
 * interop tests: it knows FluoroVault as modality {@code fv}.
 * <p>
 * Orthanc offers no notification for its own readiness or for a job's end: {@link #await} asks
 * its REST API a bounded number of times, 100 ms apart (an external process, not our code).
 */
public final class Orthanc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dir;
    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Orthanc(Process process, Path dir, int httpPort) {
        this.process = process;
        this.dir = dir;
        this.base = "http://127.0.0.1:" + httpPort;
    }

    /** Starts Orthanc as {@code aet} on the given ports and waits until its REST API answers. */
    public static Orthanc start(Path dir, String aet, int dicomPort, int httpPort, String fvAet, int fvPort)
            throws Exception {
        Peers.require("Orthanc");
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {"Name": "fv-test", "DicomAet": "%s", "RemoteAccessAllowed": false,
                 "HttpPort": %d, "DicomPort": %d, "StorageDirectory": "%s", "IndexDirectory": "%s",
                 "DicomCheckCalledAet": false, "DicomAlwaysAllowStore": true, "AuthenticationEnabled": false,
                 "AcceptedTransferSyntaxes": ["1.2.840.10008.1.*"],
                 "DicomModalities": {"fv": ["%s", "127.0.0.1", %d]}, "Plugins": []}
                """.formatted(
                        aet, httpPort, dicomPort, dir.resolve("storage"), dir.resolve("index"), fvAet, fvPort));
        Process p = new ProcessBuilder(Peers.which("Orthanc"), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile())
                .start();
        Orthanc o = new Orthanc(p, dir, httpPort);
        try {
            o.await("/system", n -> true);
        } catch (Throwable t) {
            o.close();
            throw t;
        }
        return o;
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) fail("GET " + path + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    public byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) fail("GET " + path + ": " + r.statusCode());
        return r.body();
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** Asks {@code path} up to 300 times, 100 ms apart, until its JSON satisfies {@code done}. */
    public JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) fail("Orthanc ended: " + log());
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode n = JSON.readTree(r.body());
                    if (done.test(n)) return n;
                }
            } catch (IOException notYet) {
                // Orthanc still starting
            }
            Thread.sleep(100);
        }
        fail("no answer from " + path + " within 30 s; log: " + log());
        return null;
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("orthanc.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
