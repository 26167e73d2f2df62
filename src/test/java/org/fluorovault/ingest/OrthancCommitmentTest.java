package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Orthanc;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Orthanc 1.10 as Storage Commitment SCU (through its REST API). Orthanc expects the report on a
 * new association, so FluoroVault sends it to the address configured for Orthanc's AE title.
 */
@Tag("interop")
class OrthancCommitmentTest extends ArchiveTestBase {
    static final int ORTHANC_DICOM = Peers.freePort(), ORTHANC_HTTP = Peers.freePort();

    @DynamicPropertySource
    static void requesters(DynamicPropertyRegistry r) {
        r.add("fluorovault.dicom.commitment-requesters[ORTHANC].host", () -> "127.0.0.1");
        r.add("fluorovault.dicom.commitment-requesters[ORTHANC].port", () -> Integer.toString(ORTHANC_DICOM));
    }

    @TempDir
    Path dir;

    @Test
    void orthancAsksForCommitmentAndGetsTheReportOnANewAssociation() throws Exception {
        String study = TestDicom.uid(), ok = TestDicom.uid(), missing = TestDicom.uid();
        Path file = TestDicom.write(
                dir.resolve("ok.dcm"), TestDicom.xa("OC1", study, TestDicom.uid(), ok, 1, 32), "1.2.840.10008.1.2.1");
        assertEquals(0, send(file).failures().size());

        try (Orthanc orthanc =
                Orthanc.start(dir, "ORTHANC", ORTHANC_DICOM, ORTHANC_HTTP, node.aeTitle(), node.port())) {
            HttpResponse<String> posted = orthanc.post(
                    "/modalities/fv/storage-commitment", """
                    {"DicomInstances": [{"SOPClassUID": "%s", "SOPInstanceUID": "%s"},
                                        {"SOPClassUID": "%s", "SOPInstanceUID": "%s"}]}""".formatted(TestDicom.XA, ok, TestDicom.XA, missing));
            assertEquals(200, posted.statusCode(), posted.body());
            String id = Orthanc.parse(posted.body()).get("ID").asString();
            JsonNode report = orthanc.await(
                    "/storage-commitment/" + id,
                    n -> !"Pending".equals(n.path("Status").asString()));
            assertEquals("Failure", report.get("Status").asString(), report.toString());
            List<String> success = new ArrayList<>();
            for (JsonNode s : report.get("Success"))
                success.add(s.get("SOPInstanceUID").asString());
            assertEquals(List.of(ok), success, report.toString());
            JsonNode failure = report.get("Failures").get(0);
            assertEquals(missing, failure.get("SOPInstanceUID").asString());
            assertEquals(0x0112, failure.get("FailureReason").asInt(), report.toString());
        }
    }
}
