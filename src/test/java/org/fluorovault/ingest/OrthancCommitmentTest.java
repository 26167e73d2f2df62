package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Orthanc 1.10 as Storage Commitment SCU (through its REST API). Orthanc expects the report on a
 * new association, so FluoroVault sends it to the address configured for Orthanc's AE title.
 * <p>
 * Orthanc offers no notification for its own readiness or for a report's arrival: the test asks
 * its REST API a bounded number of times, 100 ms apart (an external process, not our code).
 */
@Tag("interop")
class OrthancCommitmentTest extends ArchiveTestBase {
    static final int ORTHANC_DICOM = freePort(), ORTHANC_HTTP = freePort();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void requesters(DynamicPropertyRegistry r) {
        r.add("fluorovault.dicom.commitment-requesters[ORTHANC].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.commitment-requesters[ORTHANC].port", () -> Integer.toString(ORTHANC_DICOM));
    }

    @TempDir Path dir;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void orthancAsksForCommitmentAndGetsTheReportOnANewAssociation() throws Exception {
        Peers.require("Orthanc");
        String study = TestDicom.uid(), ok = TestDicom.uid(), missing = TestDicom.uid();
        Path file = TestDicom.write(dir.resolve("ok.dcm"), TestDicom.xa("OC1", study, TestDicom.uid(), ok, 1, 32),
                "1.2.840.10008.1.2.1");
        assertEquals(0, send(file).failures().size());

        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {"Name": "fv-commitment-test", "DicomAet": "ORTHANC", "RemoteAccessAllowed": false,
                 "HttpPort": %d, "DicomPort": %d, "StorageDirectory": "%s", "IndexDirectory": "%s",
                 "DicomCheckCalledAet": false, "DicomAlwaysAllowStore": true, "AuthenticationEnabled": false,
                 "DicomModalities": {"fv": ["%s", "127.0.0.1", %d]}, "Plugins": []}
                """.formatted(ORTHANC_HTTP, ORTHANC_DICOM, dir.resolve("storage"), dir.resolve("index"),
                node.aeTitle(), node.port()));
        Process orthanc = new ProcessBuilder(Peers.which("Orthanc"), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + ORTHANC_HTTP;
            awaitJson(http, base + "/system", n -> true, orthanc, dir);
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/modalities/fv/storage-commitment"))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"DicomInstances": [{"SOPClassUID": "%s", "SOPInstanceUID": "%s"},
                                                {"SOPClassUID": "%s", "SOPInstanceUID": "%s"}]}"""
                            .formatted(TestDicom.XA, ok, TestDicom.XA, missing))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            String id = JSON.readTree(posted.body()).get("ID").asString();
            JsonNode report = awaitJson(http, base + "/storage-commitment/" + id,
                    n -> !"Pending".equals(n.path("Status").asString()), orthanc, dir);
            assertEquals("Failure", report.get("Status").asString(), report.toString());
            List<String> success = new ArrayList<>();
            for (JsonNode s : report.get("Success")) success.add(s.get("SOPInstanceUID").asString());
            assertEquals(List.of(ok), success, report.toString());
            JsonNode failure = report.get("Failures").get(0);
            assertEquals(missing, failure.get("SOPInstanceUID").asString());
            assertEquals(0x0112, failure.get("FailureReason").asInt(), report.toString());
        } finally {
            orthanc.destroy();
            orthanc.waitFor();
        }
    }

    private static JsonNode awaitJson(HttpClient http, String url, java.util.function.Predicate<JsonNode> done,
                                      Process orthanc, Path dir) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!orthanc.isAlive()) fail("Orthanc ended: " + Files.readString(dir.resolve("orthanc.log")));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
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
        fail("no answer from " + url + " within 30 s; log: " + Files.readString(dir.resolve("orthanc.log")));
        return null;
    }
}
