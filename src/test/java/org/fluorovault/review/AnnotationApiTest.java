package org.fluorovault.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The annotation endpoint: who may write, versions and history, validation against the stored image, unknown images. */
@RecordApplicationEvents
class AnnotationApiTest extends ArchiveTestBase {
    static final String TECH = "ann-tech", PHYS = "ann-phys", AUDITOR = "ann-auditor", PASSWORD = "annotation-pass-1";
    private static final String FULL = """
            {"needleTip":{"frame":3,"column":30.5,"row":20.25},"level":"L4-L5","approach":"INTERLAMINAR_PARAMEDIAN",
             "laterality":"LEFT","view":"AP","contrastPattern":"EPIDURAL","contrastText":"Spread along the left L5 root",
             "keyImage":true,"keyFrames":[4,3]}""";

    @Autowired
    AnnotationService service;

    @Autowired
    ApplicationEvents events;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void users() {
        ensureUser(TECH, PASSWORD, Role.TECHNOLOGIST);
        ensureUser(PHYS, PASSWORD, Role.PHYSICIAN);
        ensureUser(AUDITOR, PASSWORD, Role.AUDITOR);
    }

    /** A stored 4-frame 64x48 XA; returns its SOP Instance UID. */
    private String storedImage(Path dir) throws Exception {
        String uid = TestDicom.uid();
        var a = TestDicom.xa("ANN-1", TestDicom.uid(), TestDicom.uid(), uid, 4, 64);
        a.setInt(org.fluorovault.dicom.dict.Tags.Rows, org.fluorovault.dicom.data.VR.US, 48);
        a.setBytes(
                org.fluorovault.dicom.data.Tag.PixelData, org.fluorovault.dicom.data.VR.OW, new byte[4 * 48 * 64 * 2]);
        sendAll(TestDicom.write(dir.resolve(uid + ".dcm"), a, org.fluorovault.dicom.io.TransferSyntax.EXPLICIT_VR_LE));
        return uid;
    }

    private HttpResponse<String> post(String uid, String user, String body) throws Exception {
        return postJson(
                "/api/instances/" + uid + "/annotations", user, user.equals("admin") ? ADMIN_PASSWORD : PASSWORD, body);
    }

    private JsonNode state(String uid) throws Exception {
        HttpResponse<byte[]> r = get("/api/instances/" + uid + "/annotations", AUDITOR, PASSWORD, "application/json");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return json.readTree(r.body());
    }

    @Test
    void everySaveIsANewVersionAndTheHistoryStays(@TempDir Path dir) throws Exception {
        String uid = storedImage(dir);
        assertTrue(state(uid).get("current").isNull(), "nothing annotated yet");
        HttpResponse<String> first = post(uid, TECH, FULL);
        assertEquals(201, first.statusCode(), first.body());
        JsonNode v1 = json.readTree(first.body());
        assertEquals(1, v1.get("version").asInt());
        assertEquals(TECH, v1.get("author").asString());
        assertEquals("TECHNOLOGIST", v1.get("role").asString());
        assertEquals("[3,4]", v1.get("keyFrames").toString(), "sorted key frames");
        assertEquals(30.5, v1.get("needleTip").get("column").asDouble());

        HttpResponse<String> second = post(uid, PHYS, """
                {"level":"L5-S1","approach":"INTERLAMINAR_MIDLINE","laterality":"MIDLINE","view":"LATERAL",
                 "contrastPattern":"VASCULAR_REPOSITIONED","keyImage":false}""");
        assertEquals(201, second.statusCode(), second.body());

        JsonNode s = state(uid);
        assertEquals(2, s.get("current").get("version").asInt());
        assertEquals("L5-S1", s.get("current").get("level").asString());
        assertEquals("PHYSICIAN", s.get("current").get("role").asString());
        assertTrue(s.get("current").get("needleTip").isNull(), "the new version has no needle tip");
        assertEquals(2, s.get("history").size());
        JsonNode old = s.get("history").get(0);
        assertEquals(1, old.get("version").asInt());
        assertEquals("L4-L5", old.get("level").asString(), "version 1 is kept unchanged");
        assertEquals(TECH, old.get("author").asString());
        assertEquals(3, old.get("needleTip").get("frame").asInt());
        assertTrue(old.get("createdAt").asString().endsWith("Z"), old.toString());
        assertEquals(
                2,
                jdbc.queryForObject("SELECT COUNT(*) FROM annotation WHERE sop_instance_uid = ?", Integer.class, uid));
    }

    @Test
    void onlyTechnologistsAndPhysiciansMayAnnotate(@TempDir Path dir) throws Exception {
        String uid = storedImage(dir);
        HttpResponse<String> admin = post(uid, "admin", FULL);
        assertEquals(403, admin.statusCode(), admin.body());
        assertEquals(403, post(uid, AUDITOR, FULL).statusCode());
        assertEquals(
                401,
                postJson("/api/instances/" + uid + "/annotations", null, null, FULL)
                        .statusCode());
        assertEquals(
                403,
                postJson("/api/studies/" + TestDicom.uid() + "/review", AUDITOR, PASSWORD, null)
                        .statusCode());
        assertEquals(
                403,
                postJson("/api/studies/" + TestDicom.uid() + "/review", "admin", ADMIN_PASSWORD, null)
                        .statusCode());
        assertTrue(state(uid).get("history").isEmpty(), "nothing saved by refused users");
        assertThrows(
                AccessDeniedException.class,
                () -> service.save(
                        uid,
                        new AnnotationRequest(null, "L4-L5", null, null, null, null, null, false, null),
                        "x",
                        "ADMIN"));
    }

    @Test
    void wrongValuesAreRefusedNamingTheFieldAndNothingIsSaved(@TempDir Path dir) throws Exception {
        String uid = storedImage(dir);
        assertRefused(uid, FULL.replace("\"L4-L5\"", "\"L6-S1\""), "level");
        assertRefused(uid, FULL.replace("\"frame\":3", "\"frame\":5"), "needleTip.frame");
        assertRefused(uid, FULL.replace("\"frame\":3", "\"frame\":0"), "needleTip.frame");
        assertRefused(uid, FULL.replace("\"column\":30.5", "\"column\":64.5"), "needleTip.column");
        assertRefused(uid, FULL.replace("\"row\":20.25", "\"row\":48.5"), "needleTip.row");
        assertRefused(uid, FULL.replace("\"LEFT\"", "\"left\""), "laterality");
        assertRefused(uid, FULL.replace("\"AP\"", "\"PA\""), "view");
        assertRefused(uid, FULL.replace("\"EPIDURAL\"", "\"EPIDURALISH\""), "contrastPattern");
        assertRefused(uid, FULL.replace("\"INTERLAMINAR_PARAMEDIAN\"", "\"TRANSFORAMINAL\""), "approach");
        assertRefused(uid, FULL.replace("\"INTERLAMINAR_PARAMEDIAN\"", "\"CAUDAL\""), "approach");
        assertRefused(uid, FULL.replace("[4,3]", "[4,9]"), "keyFrames");
        assertRefused(uid, FULL.replace("\"keyImage\":true", "\"keyImage\":false"), "keyFrames");
        assertRefused(uid, FULL.replace("\"frame\":3", "\"frame\":\"three\""), "needleTip.frame");
        assertRefused(uid, "{}", "body");
        assertRefused(uid, "not json", "body");
        assertTrue(state(uid).get("history").isEmpty(), "nothing half-saved");
    }

    private void assertRefused(String uid, String body, String field) throws Exception {
        HttpResponse<String> r = post(uid, TECH, body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        String detail = new tools.jackson.databind.ObjectMapper()
                .readTree(r.body())
                .path("detail")
                .asText();
        assertTrue(detail.startsWith(field), "names " + field + ": " + r.body());
    }

    @Test
    void unknownImagesAre404(@TempDir Path dir) throws Exception {
        String unknown = "1.2.826.0.1.3680043.10.1443.99.404";
        HttpResponse<String> r = post(unknown, TECH, FULL);
        assertEquals(404, r.statusCode(), r.body());
        assertEquals(
                404,
                get("/api/instances/" + unknown + "/annotations", TECH, PASSWORD, null)
                        .statusCode());
        assertEquals(
                409,
                postJson("/api/studies/" + unknown + "/review", TECH, PASSWORD, null)
                        .statusCode());
        assertFalse(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM annotation WHERE sop_instance_uid = ?", Integer.class, unknown)
                > 0);
    }

    @Test
    void theJavaApiSavesAndPublishesAfterCommit(@TempDir Path dir) throws Exception {
        String uid = storedImage(dir);
        Annotation a = service.save(
                uid,
                new AnnotationRequest(
                        new NeedleTip(2, 1.0, 2.0),
                        "CAUDAL",
                        "CAUDAL",
                        "MIDLINE",
                        "LATERAL",
                        "NOT_GIVEN_CONTRAINDICATED",
                        "allergy",
                        true,
                        List.of()),
                "api-user",
                "PHYSICIAN");
        assertEquals(1, a.version());
        assertEquals(a, service.current(uid).orElseThrow());
        assertTrue(service.currentForStudy(a.studyInstanceUid()).contains(a));
        List<AnnotationSaved> saved = events.stream(AnnotationSaved.class).toList();
        assertEquals(List.of(new AnnotationSaved(uid, a.studyInstanceUid(), 1, "api-user")), saved);
    }
}
