package org.fluorovault.procedure;

import static org.fluorovault.procedure.ProcedureTestSupport.PASSWORD;
import static org.fluorovault.procedure.ProcedureTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.fluorovault.security.UserService;
import org.fluorovault.support.ArchiveTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The procedure REST API: create, read, versioned update, conflicts, status and signing, roles, bad input. */
class ProcedureApiTest extends ArchiveTestBase {
    @Autowired
    UserService users;

    @Autowired
    JsonMapper mapper;

    @BeforeEach
    void users() {
        ProcedureTestSupport.users(users);
    }

    HttpResponse<String> call(String method, String path, String user, String body, String... headers)
            throws Exception {
        String pw = user.equals("admin") ? ADMIN_PASSWORD : PASSWORD;
        String type = body == null ? null : path.endsWith("/import") ? "text/csv" : "application/json";
        return request(method, path, user, pw, type, body, headers);
    }

    JsonNode created(String user, String body) throws Exception {
        HttpResponse<String> r = call("POST", "/api/procedures", user, body);
        assertEquals(201, r.statusCode(), r.body());
        return mapper.readTree(r.body());
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void createGetUpdateAndHistory() throws Exception {
        String pid = "P-" + unique(), acc = "A" + unique();
        HttpResponse<String> r = call("POST", "/api/procedures", "technologist", json(pid, acc, "2026-03-10T09:30:00"));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode p = mapper.readTree(r.body());
        long id = p.get("id").asLong();
        assertEquals("/api/procedures/" + id, r.headers().firstValue("Location").orElseThrow());
        assertEquals(1, p.get("version").asInt());
        assertEquals("SCHEDULED", p.get("status").asString());
        assertTrue(p.get("studyInstanceUid").asString().startsWith("2.25."), r.body());
        assertEquals("LUMBAR_SACRAL", p.get("data").get("region").asString(), "region derived from the CPT");
        assertEquals("XA", p.get("data").get("modality").asString(), "default modality");
        assertEquals("technologist", p.get("updatedBy").asString());

        HttpResponse<String> g = call("GET", "/api/procedures/" + id, "auditor", null);
        assertEquals(200, g.statusCode());
        assertEquals("\"1\"", g.headers().firstValue("ETag").orElseThrow());
        assertEquals(p.get("data"), mapper.readTree(g.body()).get("data"));

        String changed = json(pid, acc, "2026-03-11T10:00:00").replace("\"L4-L5\"", "\"L5-S1\"");
        HttpResponse<String> u = call("PUT", "/api/procedures/" + id, "physician", changed, "If-Match", "\"1\"");
        assertEquals(200, u.statusCode(), u.body());
        JsonNode v2 = mapper.readTree(u.body());
        assertEquals(2, v2.get("version").asInt());
        assertEquals("L5-S1", v2.get("data").get("levels").get(0).asString());
        assertEquals(p.get("studyInstanceUid"), v2.get("studyInstanceUid"), "the Study Instance UID stays");

        JsonNode versions = mapper.readTree(call("GET", "/api/procedures/" + id + "/versions", "auditor", null)
                .body());
        assertEquals(2, versions.size());
        assertEquals("L4-L5", versions.get(0).get("data").get("levels").get(0).asString(), "version 1 kept as it was");
        assertEquals("L5-S1", versions.get(1).get("data").get("levels").get(0).asString());

        // the same update based on version 1 again: conflict, nothing written
        HttpResponse<String> stale = call(
                "PUT",
                "/api/procedures/" + id,
                "physician",
                json(pid, acc, "2026-03-12T10:00:00"),
                "If-Match",
                "\"1\"");
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("version 2"), stale.body());
        HttpResponse<String> noVersion = call("PUT", "/api/procedures/" + id, "physician", changed);
        assertEquals(428, noVersion.statusCode(), noVersion.body());
        HttpResponse<String> byParam =
                call("PUT", "/api/procedures/" + id + "?version=2", "physician", json(pid, acc, "2026-03-12T10:00:00"));
        assertEquals(200, byParam.statusCode(), byParam.body());
        assertEquals(3, service().versions(id).size());

        assertEquals(
                404, call("GET", "/api/procedures/999999999", "admin", null).statusCode());
        assertEquals(
                404,
                call("GET", "/api/procedures/999999999/versions", "admin", null).statusCode());
    }

    @Test
    void statusFlowAndSigning() throws Exception {
        String pid = "P-" + unique(), acc = "A" + unique();
        long id = created("admin", json(pid, acc, "2026-04-01T08:00:00"))
                .get("id")
                .asLong();
        // PERFORMED needs performedAt
        assertEquals(
                400,
                call("POST", "/api/procedures/" + id + "/status", "technologist", "{\"status\":\"PERFORMED\"}")
                        .statusCode());
        String performed = json(pid, acc, "2026-04-01T08:00:00")
                .replace("\"cptCode\"", "\"performedAt\": \"2026-04-01T08:40:00\", \"cptCode\"");
        assertEquals(
                200,
                call("PUT", "/api/procedures/" + id, "technologist", performed, "If-Match", "1")
                        .statusCode());
        assertEquals(
                200,
                call("POST", "/api/procedures/" + id + "/status", "technologist", "{\"status\":\"PERFORMED\"}")
                        .statusCode());
        HttpResponse<String> early = call("POST", "/api/procedures/" + id + "/sign", "physician", null);
        assertEquals(409, early.statusCode(), "only REVIEWED records are signed");
        assertTrue(early.body().contains("REVIEWED"), early.body());
        assertEquals(
                200,
                call("POST", "/api/procedures/" + id + "/status", "physician", "{\"status\":\"REVIEWED\"}")
                        .statusCode());
        assertEquals(
                403,
                call("POST", "/api/procedures/" + id + "/sign", "technologist", null)
                        .statusCode());
        assertEquals(
                403,
                call("POST", "/api/procedures/" + id + "/sign", "admin", null).statusCode());
        HttpResponse<String> signed = call("POST", "/api/procedures/" + id + "/sign", "physician", null);
        assertEquals(200, signed.statusCode(), signed.body());
        JsonNode s = mapper.readTree(signed.body());
        assertEquals("SIGNED", s.get("status").asString());
        int v = s.get("version").asInt();

        // a change to a signed record: new version, REVIEWED, to be signed again
        String changed = performed.replace("\"M48.062\"", "\"M51.16\"");
        HttpResponse<String> u =
                call("PUT", "/api/procedures/" + id, "technologist", changed, "If-Match", "\"" + v + "\"");
        assertEquals(200, u.statusCode(), u.body());
        JsonNode after = mapper.readTree(u.body());
        assertEquals("REVIEWED", after.get("status").asString());
        assertEquals(v + 1, after.get("version").asInt());
        assertEquals(
                "SIGNED", service().versions(id).get(v - 1).status().name(), "the signed version stays in the history");
        assertEquals(
                200,
                call("POST", "/api/procedures/" + id + "/sign", "physician", null, "If-Match", "\"" + (v + 1) + "\"")
                        .statusCode());
        assertEquals(
                409,
                call("POST", "/api/procedures/" + id + "/status", "admin", "{\"status\":\"SCHEDULED\"}")
                        .statusCode(),
                "no step back to SCHEDULED");
        assertEquals(
                400,
                call("POST", "/api/procedures/" + id + "/status", "admin", "{\"status\":\"SIGNED\"}")
                        .statusCode(),
                "signing only through /sign");
    }

    @Test
    void auditorReadsButCannotWrite() throws Exception {
        String pid = "P-" + unique(), acc = "A" + unique();
        long id = created("physician", json(pid, acc, "2026-05-01T08:00:00"))
                .get("id")
                .asLong();
        int before = count();
        assertEquals(
                403,
                call("POST", "/api/procedures", "auditor", json(pid, acc, "2026-05-01T08:00:00"))
                        .statusCode());
        assertEquals(
                403,
                call("PUT", "/api/procedures/" + id, "auditor", json(pid, acc, "2026-05-02T08:00:00"), "If-Match", "1")
                        .statusCode());
        assertEquals(
                403,
                call("POST", "/api/procedures/" + id + "/status", "auditor", "{\"status\":\"CANCELLED\"}")
                        .statusCode());
        assertEquals(
                403,
                call("POST", "/api/procedures/" + id + "/sign", "auditor", null).statusCode());
        assertEquals(
                403,
                call(
                                "POST",
                                "/api/procedures/import",
                                "auditor",
                                "patient_id,performed_at,cpt_code\nX1,2025-01-01,62323\n")
                        .statusCode());
        assertEquals(200, call("GET", "/api/procedures/" + id, "auditor", null).statusCode());
        assertEquals(
                200,
                call("GET", "/api/procedures?patientId=" + pid, "auditor", null).statusCode());
        assertEquals(before, count());
        assertEquals(1, service().find(id).orElseThrow().version());
        assertEquals(
                401,
                request("GET", "/api/procedures/" + id, null, null, null, null).statusCode());
    }

    @Test
    void badInputIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
        String ok = json("P-BAD", "ABAD", "2026-06-01T08:00:00");
        int before = count();
        assertBad("{\"patient\": {\"id\": \"X\"", "invalid JSON");
        assertBad(ok.replace("2026-06-01T08:00:00", "2026-02-30T08:00:00"), "invalid JSON");
        assertBad(ok.replace("\"1960-04-02\"", "\"1960-13-02\""), "invalid JSON");
        assertBad(ok.replace("\"LEFT\"", "\"SIDEWAYS\""), "invalid JSON");
        // every rule of the validator: ProcedureValidatorTest; two of them end to end
        assertBad(ok.replace("\"62323\"", "\"99999\""), "cptCode '99999' is not known");
        assertBad(ok.replace("\"L4-L5\"", "\"C5-C6\""), "level C5-C6 is outside the region LUMBAR_SACRAL");
        assertEquals(before, count(), "nothing half-saved");
        assertEquals(
                400,
                call("GET", "/api/procedures?from=2026-02-30", "admin", null).statusCode());
        // an update with bad data leaves the record as it was
        long id = created("admin", ok).get("id").asLong();
        HttpResponse<String> r =
                call("PUT", "/api/procedures/" + id, "admin", ok.replace("\"L4-L5\"", "\"T4-T5\""), "If-Match", "1");
        assertEquals(400, r.statusCode());
        assertEquals(1, service().versions(id).size());
        // the server keeps serving
        assertEquals(200, call("GET", "/api/procedures/" + id, "admin", null).statusCode());
    }

    @Test
    void searchByPatientAccessionAndDateIsPaged() throws Exception {
        String pid = "P-" + unique();
        for (int day = 1; day <= 5; day++) created("admin", json(pid, "S" + unique(), "2026-07-0" + day + "T08:00:00"));
        String acc = "S" + unique();
        created("admin", json("P-" + unique(), acc, "2026-07-03T08:00:00"));
        JsonNode page = mapper.readTree(call(
                        "GET",
                        "/api/procedures?patientId=" + pid + "&from=2026-07-02&to=2026-07-04&size=2",
                        "auditor",
                        null)
                .body());
        assertEquals(3, page.get("total").asInt());
        assertEquals(2, page.get("items").size());
        assertEquals(
                "2026-07-02T08:00:00",
                page.get("items").get(0).get("data").get("scheduledAt").asString());
        JsonNode page2 = mapper.readTree(call(
                        "GET",
                        "/api/procedures?patientId=" + pid + "&from=2026-07-02&to=2026-07-04&size=2&page=1",
                        "auditor",
                        null)
                .body());
        assertEquals(1, page2.get("items").size());
        assertEquals(
                "2026-07-04T08:00:00",
                page2.get("items").get(0).get("data").get("scheduledAt").asString());
        JsonNode byAcc = mapper.readTree(
                call("GET", "/api/procedures?accession=" + acc, "auditor", null).body());
        assertEquals(1, byAcc.get("total").asInt());
        assertEquals(
                400, call("GET", "/api/procedures?size=100000", "admin", null).statusCode());
    }

    void assertBad(String body, String expected) throws Exception {
        HttpResponse<String> r = call("POST", "/api/procedures", "technologist", body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        assertTrue(r.body().contains(expected), "expected '" + expected + "' in: " + r.body());
    }

    int count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM procedure_version", Integer.class);
    }

    @Autowired
    ProcedureService procedureService;

    ProcedureService service() {
        return procedureService;
    }
}
