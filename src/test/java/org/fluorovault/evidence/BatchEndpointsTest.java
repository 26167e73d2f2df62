package org.fluorovault.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.linking.LinkOnReceipt;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two batch reads of the procedure pages: the latest stored verdicts of many procedures in one
 * request (the worklist), and a procedure's key images with their annotations in one request (the
 * procedure page), each answering what the per-row requests they replace answered, and audited.
 */
class BatchEndpointsTest extends ArchiveTestBase {
    static final String PW = "batch-endpoints-pw";
    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    org.fluorovault.common.BackgroundWork background;

    @Autowired
    AuditTrail audit;

    @TempDir
    Path tmp;

    @BeforeEach
    void people() {
        ensureUser("batchtech", PW, Role.TECHNOLOGIST);
        ensureUser("batchauditor", PW, Role.AUDITOR);
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return request("GET", path, user, PW, null, null, "Accept", "application/json");
    }

    private JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return json.readTree(r.body());
    }

    private long procedure(String patientId) throws Exception {
        return procedure(patientId, true);
    }

    /** A record; {@code performed} false leaves it SCHEDULED, which is never judged in the background. */
    private long procedure(String patientId, boolean performed) throws Exception {
        String record = """
                {"patient": {"id": "%s", "name": "Roe^Richard", "birthDate": "1958-02-11", "sex": "M"},
                 "accessionNumber": "A%s", "scheduledAt": "2026-10-20T08:00:00", "performedAt": "2026-10-20T08:30:00", "cptCode": "62323",
                 "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
                 "physician": {"name": "Smith^Ann", "npi": "1234567893"}, "diagnoses": ["M54.16"]}
                """.formatted(patientId, patientId);
        if (!performed) record = record.replace(", \"performedAt\": \"2026-10-20T08:30:00\"", "");
        return ok(postJson("/api/procedures", "batchtech", PW, record))
                .get("id")
                .asLong();
    }

    private List<String> auditDetails(long procedureId) {
        List<String> details = new ArrayList<>();
        for (AuditRecord r : audit.search(
                        new AuditFilter(null, null, Long.toString(procedureId), null, null, null), 0, 200)
                .items()) {
            details.add(r.event().user() + " " + r.event().action() + " "
                    + r.event().patientId() + " " + r.event().detail());
        }
        return details;
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":" + status).contains(detail);
    }

    @Test
    void theLatestStoredVerdictOfEachProcedureInOneRequest() throws Exception {
        String pid = "PVB" + TestDicom.unique();
        long judged = procedure(pid), never = procedure(pid + "N", false);
        // a performed record is judged once in the background (VerdictOnChange); the two reads below add two verdicts
        assertThat(background.awaitIdle(10_000, VerdictOnChange.QUEUE)).isTrue();
        int before = ok(get("/api/procedures/" + judged + "/evidence/history", "batchauditor"))
                .size();
        ok(get("/api/procedures/" + judged + "/evidence", "batchauditor"));
        ok(get("/api/procedures/" + judged + "/evidence", "batchauditor"));
        JsonNode history = ok(get("/api/procedures/" + judged + "/evidence/history", "batchauditor"));
        assertThat(history).hasSize(before + 2);
        assertThat(history.get(0).get("evaluatedAt"))
                .as("two verdicts told apart by their time")
                .isNotEqualTo(history.get(1).get("evaluatedAt"));
        int events = auditDetails(judged).size();

        JsonNode answer = ok(get(
                "/api/procedures/verdicts?ids=" + judged + ",%20" + judged + "," + never + ",987654321",
                "batchauditor"));
        assertThat(answer.propertyNames()).containsExactly(Long.toString(judged));
        JsonNode v = answer.get(Long.toString(judged));
        assertThat(v.get("procedureId").asLong()).isEqualTo(judged);
        for (String field : List.of("verdict", "ruleSetVersion", "procedureVersion")) {
            assertThat(v.get(field))
                    .as("the newest verdict's " + field)
                    .isEqualTo(history.get(0).get(field));
        }
        // the time as the database keeps it (rounded to microseconds)
        assertThat(Instant.parse(v.get("evaluatedAt").asString()))
                .isCloseTo(Instant.parse(history.get(0).get("evaluatedAt").asString()), within(1, ChronoUnit.MICROS));
        assertThat(v.has("rules")).as("a summary, without the rules").isFalse();
        List<String> trail = auditDetails(judged);
        assertThat(trail.size()).as("one event for the one procedure read").isEqualTo(events + 1);
        // read, not evaluated again: no new verdict
        assertThat(ok(get("/api/procedures/" + judged + "/evidence/history", "batchauditor")))
                .hasSize(before + 2);
        assertThat(trail)
                .anyMatch(e -> e.equals("batchauditor R " + pid + " latest verdict viewed: "
                        + v.get("verdict").asString() + " ("
                        + v.get("ruleSetVersion").asString() + ")"));

        assertThat(ok(get("/api/procedures/verdicts?ids=" + judged, "batchtech"))
                        .has(Long.toString(judged)))
                .isTrue();
        assertThat(ok(get("/api/procedures/verdicts?ids=", "batchtech")).isEmpty())
                .isTrue();
    }

    @Test
    void atMostTwoHundredIdsAndOnlyNumbers() throws Exception {
        String two100 = LongStream.rangeClosed(1, 200).mapToObj(Long::toString).collect(Collectors.joining(","));
        assertThat(get("/api/procedures/verdicts?ids=" + two100, "batchauditor").statusCode())
                .isEqualTo(200);
        assertProblem(get("/api/procedures/verdicts?ids=" + two100 + ",201", "batchauditor"), 400, "at most 200 ids");
        assertProblem(get("/api/procedures/verdicts?ids=1,x2", "batchauditor"), 400, "not 'x2'");
        assertThat(request("GET", "/api/procedures/verdicts?ids=1", null, null, null, null)
                        .statusCode())
                .isEqualTo(401);
    }

    /** A run of 4 frames of 64x64 with the given instance number. */
    private Path run(String patientId, String studyUid, int instanceNumber) throws Exception {
        String iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa(patientId, studyUid, TestDicom.uid(), iuid, 4, 64);
        ds.setString(Tags.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
        ds.setString(Tags.SeriesNumber, VR.IS, Integer.toString(instanceNumber));
        ds.setString(Tags.StudyDate, VR.DA, "20261020");
        return TestDicom.write(tmp.resolve(iuid + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
    }

    private void annotate(Path run, boolean keyImage, String keyFrames, int tipFrame, String level) throws Exception {
        ok(postJson("/api/instances/" + TestDicom.datasetUid(run) + "/annotations", "batchtech", PW, """
                {"needleTip": {"frame": %d, "column": 30.5, "row": 28}, "level": "%s",
                 "approach": "INTERLAMINAR_PARAMEDIAN", "laterality": "LEFT", "view": "AP",
                 "contrastPattern": "EPIDURAL", "keyImage": %s, "keyFrames": [%s]}
                """.formatted(
                        tipFrame, level, keyImage, keyFrames)));
    }

    @Test
    void theKeyImagesOfTheLinkedStudiesWithTheirAnnotationsInOneRequest() throws Exception {
        String pid = "PKB" + TestDicom.unique(), study = TestDicom.uid();
        long id = procedure(pid);
        Path second = run(pid, study, 2), first = run(pid, study, 1), unmarked = run(pid, study, 3);
        Path elsewhere = run("PKX" + TestDicom.unique(), TestDicom.uid(), 1); // another patient's study, not linked
        sendAll(second, first, unmarked, elsewhere);
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        if (ok(get("/api/procedures/" + id + "/studies", "batchauditor")).isEmpty()) { // not linked by a rule
            ok(postJson(
                    "/api/procedures/" + id + "/studies",
                    "batchtech",
                    PW,
                    "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"batch test\"}"));
        }
        assertThat(ok(get("/api/procedures/" + id + "/studies", "batchauditor")))
                .hasSize(1);
        assertThat(ok(get("/api/procedures/" + id + "/key-images", "batchauditor")))
                .isEmpty();

        annotate(second, true, "3, 4", 2, "L4-L5");
        annotate(first, true, "", 2, "L5-S1");
        annotate(unmarked, true, "1", 1, "L3-L4");
        annotate(unmarked, false, "", 1, "L3-L4"); // the current version is no key image any more
        annotate(elsewhere, true, "1", 1, "L4-L5");

        JsonNode images = ok(get("/api/procedures/" + id + "/key-images", "batchauditor"));
        assertThat(images).hasSize(2);
        JsonNode a = images.get(0), b = images.get(1);
        // in series and instance order, as the study's instances are listed
        assertThat(a.get("sopInstanceUid").asString()).isEqualTo(TestDicom.datasetUid(first));
        assertThat(a.get("studyInstanceUid").asString()).isEqualTo(study);
        assertThat(a.get("frames").toString())
                .as("no key frames: the needle tip's frame")
                .isEqualTo("[2]");
        assertThat(a.get("annotation").get("level").asString()).isEqualTo("L5-S1");
        assertThat(a.get("annotation").get("author").asString()).isEqualTo("batchtech");
        assertThat(b.get("sopInstanceUid").asString()).isEqualTo(TestDicom.datasetUid(second));
        assertThat(b.get("frames").toString()).isEqualTo("[3,4]");
        assertThat(b.get("annotation").get("contrastPattern").asString()).isEqualTo("EPIDURAL");
        assertThat(b.get("annotation").get("version").asInt()).isEqualTo(1);

        assertThat(auditDetails(id)).anyMatch(e -> e.equals("batchauditor R " + pid + " key images viewed: 2"));
        assertProblem(get("/api/procedures/987654321/key-images", "batchauditor"), 404, "no procedure 987654321");
    }
}
