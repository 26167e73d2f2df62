package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worklist status in the procedure search API, derived from real records, study links, stored
 * images, analysis results and annotations (each status, each way into REVIEW_NEEDED).
 */
class WorklistStatusesTest extends ArchiveTestBase {
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void users() {
        ProcedureTestSupport.users(super.users);
    }

    private JsonNode ok(HttpResponse<String> r) {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return json.readTree(r.body());
    }

    private JsonNode post(String path, String user, String body) throws Exception {
        return ok(postJson(path, user, user.equals("admin") ? ADMIN_PASSWORD : ProcedureTestSupport.PASSWORD, body));
    }

    /** A record of a patient of its own; performed when {@code performed}. */
    private long procedure(String patientId, boolean performed) throws Exception {
        String body = ProcedureTestSupport.json(patientId, "ACC" + patientId.hashCode() % 10000, "2026-11-20T10:00:00");
        if (performed)
            body = body.replace("\"scheduledAt\"", "\"performedAt\": \"2026-11-20T10:20:00\", \"scheduledAt\"");
        return post("/api/procedures", "admin", body).get("id").asLong();
    }

    /** The worklist status the search API gives the procedure. */
    private String status(String patientId, long id) throws Exception {
        JsonNode page = ok(request(
                "GET",
                "/api/procedures?patientId=" + patientId,
                "admin",
                ADMIN_PASSWORD,
                null,
                null,
                "Accept",
                "application/json"));
        assertEquals(1, page.get("total").asInt());
        return page.get("worklistStatus").get(Long.toString(id)).asString();
    }

    /** Links the study to the procedure unless a linker rule already did. */
    private void link(long id, String studyUid) throws Exception {
        JsonNode links = ok(request(
                "GET",
                "/api/procedures/" + id + "/studies",
                "admin",
                ADMIN_PASSWORD,
                null,
                null,
                "Accept",
                "application/json"));
        if (links.isEmpty())
            post(
                    "/api/procedures/" + id + "/studies",
                    "admin",
                    "{\"studyInstanceUid\":\"" + studyUid + "\",\"reason\":\"worklist status test\"}");
    }

    private static String patient(String tag) {
        return "WLS-" + tag + "-" + TestDicom.unique();
    }

    @Test
    void aScheduledProcedureGetsImagesThenItsAnalysisThenIsCancelled(@TempDir Path dir) throws Exception {
        String p = patient("A"), study = TestDicom.uid(), run = TestDicom.uid();
        long id = procedure(p, false);
        assertEquals("SCHEDULED", status(p, id));

        sendAll(TestDicom.phantomXa(
                dir,
                p,
                study,
                run,
                LumbarPhantom.builder()
                        .size(256)
                        .frames(10)
                        .contrast(LumbarPhantom.Contrast.EPIDURAL)
                        .seed(3)
                        .build()));
        link(id, study);
        assertEquals(
                "IMAGES_RECEIVED",
                status(p, id),
                "images in, not analysed (no analysis on receipt in the tests), not annotated");

        assertEquals(
                200,
                getAsAdmin("/api/instances/" + run + "/analysis", "application/json")
                        .statusCode());
        assertEquals("REVIEW_NEEDED", status(p, id), "the analysis has a result: ready to read");

        post("/api/procedures/" + id + "/status", "admin", "{\"status\":\"CANCELLED\"}");
        assertEquals("CANCELLED", status(p, id), "a cancelled record is cancelled, whatever its images");
    }

    @Test
    void anAnnotationMakesReceivedImagesReviewNeeded(@TempDir Path dir) throws Exception {
        String p = patient("B"), study = TestDicom.uid();
        long id = procedure(p, false);
        Path file = TestDicom.writeXa(dir, p, study, 3, 64);
        sendAll(file);
        link(id, study);
        assertEquals("IMAGES_RECEIVED", status(p, id));
        post(
                "/api/instances/" + TestDicom.datasetUid(file) + "/annotations",
                "technologist",
                "{\"level\":\"L4-L5\",\"needleTip\":{\"frame\":1,\"column\":10,\"row\":10}}");
        assertEquals("REVIEW_NEEDED", status(p, id));
    }

    @Test
    void aPerformedProcedureNeedsReviewWhenItsImagesAreInThenIsReviewedAndSigned(@TempDir Path dir) throws Exception {
        String p = patient("C"), study = TestDicom.uid();
        long id = procedure(p, true);
        assertEquals("PERFORMED", status(p, id), "performed, no images yet");
        sendAll(TestDicom.writeXa(dir, p, study, 3, 64));
        link(id, study);
        assertEquals("REVIEW_NEEDED", status(p, id), "performed with its images: to be reviewed, analysed or not");
        post("/api/procedures/" + id + "/status", "admin", "{\"status\":\"REVIEWED\"}");
        assertEquals("REVIEWED", status(p, id));
        post("/api/procedures/" + id + "/sign", "physician", null);
        assertEquals("SIGNED", status(p, id));
    }
}
