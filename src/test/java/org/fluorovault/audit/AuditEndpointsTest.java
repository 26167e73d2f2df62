package org.fluorovault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluorovault.security.Role;
import org.fluorovault.security.UserService;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail in the running archive: who may read it, that reading it is audited, and that
 * each wired source (logins, logouts, user administration, DICOM reception, QIDO, WADO) writes
 * exactly the expected event. Users, patients and studies are unique per test, so the shared
 * database's other events do not count.
 */
class AuditEndpointsTest extends ArchiveTestBase {
    private static final String PASSWORD = "audit-test-password-1";

    @Autowired
    AuditTrail audit;

    @Autowired
    UserService users;

    private String newUser(Role role) {
        String name = role.name().toLowerCase() + "-"
                + TestDicom.uid().substring(TestDicom.uid().length() - 8) + TestDicom.unique();
        users.create(name, PASSWORD, role);
        return name;
    }

    private List<AuditRecord> events(AuditFilter f) {
        return audit.search(f, 0, 100).items();
    }

    private List<AuditRecord> byUser(String user, AuditEventType type) {
        return events(new AuditFilter(user, null, null, null, null, type));
    }

    private HttpResponse<byte[]> as(String user, String path) throws Exception {
        return get(path, user, PASSWORD, "application/json");
    }

    private String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyAdminAndAuditorReadTheTrail() throws Exception {
        String auditor = newUser(Role.AUDITOR), tech = newUser(Role.TECHNOLOGIST), physician = newUser(Role.PHYSICIAN);
        for (String path : List.of("/api/audit", "/api/audit/verify", "/api/audit?patientId=X")) {
            assertEquals(200, as(auditor, path).statusCode(), path);
            assertEquals(200, getAsAdmin(path, "application/json").statusCode(), path);
            assertEquals(403, as(tech, path).statusCode(), path);
            assertEquals(403, as(physician, path).statusCode(), path);
            assertEquals(401, get(path, null, null, "application/json").statusCode(), path);
        }
        assertEquals(0, byUser(tech, AuditEventType.AUDIT_LOG_USED).size(), "a refused read is no read");
        assertEquals(
                List.of("search patientId=X", "verify: valid", "search, no filter"),
                byUser(auditor, AuditEventType.AUDIT_LOG_USED).stream()
                        .map(r -> r.event().detail().replaceAll(", \\d+ rows checked", ""))
                        .toList());
    }

    @Test
    void readingTheTrailIsItselfAudited() throws Exception {
        String auditor = newUser(Role.AUDITOR);
        String patient = "AUD-" + TestDicom.unique();
        HttpResponse<byte[]> r = as(auditor, "/api/audit?patientId=" + patient + "&type=110112&page=0&size=5");
        assertEquals(200, r.statusCode(), body(r));
        assertTrue(body(r).contains("\"total\":0"), body(r));
        as(auditor, "/api/audit/verify");
        List<AuditRecord> used = byUser(auditor, AuditEventType.AUDIT_LOG_USED);
        assertEquals(2, used.size());
        AuditEvent search = used.get(1).event(), verify = used.get(0).event();
        assertEquals(patient, search.patientId());
        assertEquals("AUDITOR", search.role());
        assertEquals("127.0.0.1", search.sourceAddress());
        assertEquals(AuditAction.R, search.action());
        assertEquals(AuditAction.E, verify.action());
        assertTrue(verify.detail().startsWith("verify: valid"), verify.detail());
        // and it is found by the next search
        assertTrue(body(as(auditor, "/api/audit?user=" + auditor)).contains("\"eventId\":\"110101\""));
    }

    @Test
    void badSearchParametersAre400() throws Exception {
        assertEquals(
                400, getAsAdmin("/api/audit?type=999999", "application/json").statusCode());
        assertEquals(
                400, getAsAdmin("/api/audit?from=yesterday", "application/json").statusCode());
        assertEquals(400, getAsAdmin("/api/audit?size=0", "application/json").statusCode());
        assertEquals(400, getAsAdmin("/api/audit?page=x", "application/json").statusCode());
    }

    @Test
    void basicLoginIsRecordedOncePerWindowAndEveryFailure() throws Exception {
        String tech = newUser(Role.TECHNOLOGIST);
        for (int i = 0; i < 3; i++)
            assertEquals(200, as(tech, "/dicomweb/studies?PatientID=nobody").statusCode());
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    401,
                    get("/dicomweb/studies", tech, "wrong-password-xx", null).statusCode());
        }
        List<AuditRecord> logins = byUser(tech, AuditEventType.USER_AUTHENTICATION);
        assertEquals(3, logins.size(), logins.toString());
        assertEquals(
                List.of(AuditOutcome.MINOR_FAILURE, AuditOutcome.MINOR_FAILURE, AuditOutcome.SUCCESS),
                logins.stream().map(r -> r.event().outcome()).toList());
        AuditEvent ok = logins.get(2).event();
        assertEquals(AuditEventTypeCode.LOGIN, ok.typeCode());
        assertEquals("TECHNOLOGIST", ok.role());
        assertEquals("127.0.0.1", ok.sourceAddress());
        assertTrue(
                logins.get(0).event().detail().contains("BadCredentials"),
                logins.get(0).event().detail());
    }

    @Test
    void formLoginAndLogoutAreRecorded() throws Exception {
        String physician = newUser(Role.PHYSICIAN);
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String csrf = csrf(browser, "/login");
        HttpResponse<String> login = browser.send(
                form("/login", "username=" + physician + "&password=" + PASSWORD + "&_csrf=" + enc(csrf)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode());
        assertTrue(
                !login.headers().firstValue("Location").orElse("").contains("error"),
                login.headers().toString());
        List<AuditRecord> in = byUser(physician, AuditEventType.USER_AUTHENTICATION);
        assertEquals(1, in.size());
        assertEquals(AuditEventTypeCode.LOGIN, in.get(0).event().typeCode());
        assertTrue(
                in.get(0).event().detail().contains("session"),
                in.get(0).event().detail());

        String csrf2 = csrf(browser, "/logout");
        HttpResponse<String> logout =
                browser.send(form("/logout", "_csrf=" + enc(csrf2)), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, logout.statusCode());
        List<AuditRecord> all = byUser(physician, AuditEventType.USER_AUTHENTICATION);
        assertEquals(2, all.size());
        assertEquals(AuditEventTypeCode.LOGOUT, all.get(0).event().typeCode());
        assertEquals("PHYSICIAN", all.get(0).event().role());
    }

    private String csrf(HttpClient browser, String page) throws Exception {
        String html = browser.send(
                        HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void creatingAUserIsASecurityAlert() throws Exception {
        String admin = newUser(Role.ADMIN);
        String created = "new-" + TestDicom.unique();
        HttpResponse<String> ok = post(
                admin,
                "/api/admin/users",
                "{\"username\":\"" + created + "\",\"password\":\"long-enough-password\",\"role\":\"AUDITOR\"}");
        assertEquals(201, ok.statusCode(), ok.body());
        HttpResponse<String> bad = post(
                admin,
                "/api/admin/users",
                "{\"username\":\"" + created + "\",\"password\":\"long-enough-password\",\"role\":\"AUDITOR\"}");
        assertEquals(409, bad.statusCode(), "a user that exists is a conflict");
        List<AuditRecord> alerts = byUser(admin, AuditEventType.SECURITY_ALERT);
        assertEquals(2, alerts.size());
        AuditEvent refused = alerts.get(0).event(), done = alerts.get(1).event();
        assertEquals(AuditEventTypeCode.USER_SECURITY_ATTRIBUTES_CHANGED, done.typeCode());
        assertEquals(AuditAction.C, done.action());
        assertEquals(AuditOutcome.SUCCESS, done.outcome());
        assertEquals("created user " + created + " as AUDITOR", done.detail());
        assertEquals(AuditOutcome.MINOR_FAILURE, refused.outcome());
        assertTrue(refused.detail().contains("exists"), refused.detail());
        as(admin, "/api/admin/users");
        assertEquals(1, byUser(admin, AuditEventType.APPLICATION_ACTIVITY).size());
    }

    private HttpResponse<String> post(String user, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReceptionIsOneEventPerAssociationAndStudy(@TempDir Path dir) throws Exception {
        String patient = "AUD-RX-" + TestDicom.unique(), study = TestDicom.uid(), other = TestDicom.uid();
        TestDicom.writeXa(Files.createDirectories(dir.resolve("a")), patient, study, 1, 16);
        TestDicom.writeXa(dir.resolve("a"), patient, study, 1, 16);
        TestDicom.writeXa(dir.resolve("a"), patient, other, 1, 16);
        org.fluorovault.dicom.data.Attributes noSeries =
                TestDicom.xa(patient, other, TestDicom.uid(), TestDicom.uid(), 1, 16);
        noSeries.remove(org.fluorovault.dicom.dict.Tags.SeriesInstanceUID);
        TestDicom.write(dir.resolve("a/bad.dcm"), noSeries, org.fluorovault.dicom.io.TransferSyntax.EXPLICIT_VR_LE);
        var summary = send(dir.resolve("a"));
        assertEquals(3, summary.sent());
        assertEquals(1, summary.failures().size());
        assertTrue(node.awaitIdle(10_000));
        audit.flush();
        List<AuditRecord> rx = events(new AuditFilter(null, patient, null, null, null, null));
        assertEquals(2, rx.size(), rx.toString());
        AuditEvent e = rx.stream()
                .filter(r -> study.equals(r.event().studyUid()))
                .findFirst()
                .orElseThrow()
                .event();
        assertEquals(AuditEventType.INSTANCES_TRANSFERRED, e.eventId());
        assertEquals(AuditAction.C, e.action());
        assertEquals(AuditOutcome.SUCCESS, e.outcome());
        assertEquals("FVSEND", e.user());
        assertEquals("127.0.0.1", e.sourceAddress());
        assertTrue(e.detail().startsWith("received 2 new, 0 identical again, 0 conflicting"), e.detail());
        // the refused object had no study: one more event of that association, without patient
        String association = e.detail().substring(e.detail().indexOf("(association "));
        List<AuditEvent> refused =
                events(new AuditFilter("FVSEND", null, null, null, null, AuditEventType.INSTANCES_TRANSFERRED)).stream()
                        .map(AuditRecord::event)
                        .filter(x ->
                                x.detail().startsWith("refused") && x.detail().endsWith(association))
                        .toList();
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(AuditOutcome.MINOR_FAILURE, refused.get(0).outcome());
        assertTrue(
                refused.get(0).detail().startsWith("refused 1 C-STORE request(s)"),
                refused.get(0).detail());

        Files.delete(dir.resolve("a/bad.dcm"));
        assertEquals(3, send(dir.resolve("a")).sent());
        assertTrue(node.awaitIdle(10_000));
        audit.flush();
        List<AuditRecord> again = events(new AuditFilter(null, patient, null, null, null, null));
        assertEquals(4, again.size());
        assertTrue(
                again.get(0).event().detail().contains("identical again"),
                again.get(0).event().detail());
    }

    @Test
    void qidoAndWadoByAPersonAreRecorded(@TempDir Path dir) throws Exception {
        String physician = newUser(Role.PHYSICIAN);
        String patient = "AUD-QW-" + TestDicom.unique(), study = TestDicom.uid();
        TestDicom.writeXa(dir, patient, study, 1, 16);
        assertEquals(1, send(dir).sent());
        assertEquals(
                200, as(physician, "/dicomweb/studies?PatientID=" + patient).statusCode());
        assertEquals(
                400,
                as(physician, "/dicomweb/studies?limit=-1&PatientID=" + patient).statusCode());
        List<AuditRecord> q = byUser(physician, AuditEventType.QUERY);
        assertEquals(2, q.size());
        assertEquals(AuditOutcome.MINOR_FAILURE, q.get(0).event().outcome());
        AuditEvent ok = q.get(1).event();
        assertEquals(patient, ok.patientId());
        assertEquals(AuditAction.E, ok.action());
        assertEquals("QIDO-RS /dicomweb/studies?PatientID=" + patient + " -> 1 matches", ok.detail());

        HttpResponse<byte[]> wado =
                get("/dicomweb/studies/" + study, physician, PASSWORD, "multipart/related; type=\"application/dicom\"");
        assertEquals(200, wado.statusCode());
        assertEquals(404, as(physician, "/dicomweb/studies/1.2.3.404").statusCode());
        List<AuditRecord> w = byUser(physician, AuditEventType.INSTANCES_TRANSFERRED);
        assertEquals(2, w.size());
        AuditEvent sent = w.get(1).event();
        assertEquals(patient, sent.patientId());
        assertEquals(study, sent.studyUid());
        assertEquals(AuditAction.R, sent.action());
        assertEquals("PHYSICIAN", sent.role());
        assertEquals("WADO-RS /dicomweb/studies/" + study + ": 1 objects", sent.detail());
        assertEquals(AuditOutcome.MINOR_FAILURE, w.get(0).event().outcome());
    }

    @Test
    void verifyReportsATamperedRowThroughTheApi() throws Exception {
        String auditor = newUser(Role.AUDITOR);
        AuditRecord r = audit.record(AuditEvent.of(AuditEventType.EXPORT)
                .user(auditor)
                .detail("original")
                .build());
        audit.record(AuditEvent.of(AuditEventType.EXPORT)
                .user(auditor)
                .detail("later")
                .build());
        assertTrue(body(as(auditor, "/api/audit/verify")).startsWith("{\"valid\":true"));
        jdbc.update("UPDATE audit_event SET detail = 'edited' WHERE id = ?", r.id());
        try {
            String broken = body(as(auditor, "/api/audit/verify"));
            assertTrue(broken.startsWith("{\"valid\":false"), broken);
            assertTrue(broken.contains("\"firstBrokenId\":" + r.id() + ","), broken);
            assertTrue(broken.contains("\"reason\":\"hash of row " + r.id()), broken);
        } finally {
            jdbc.update("UPDATE audit_event SET detail = 'original' WHERE id = ?", r.id());
        }
        assertTrue(audit.verify().valid());
    }

    @Test
    void recordAccessTakesUserRoleAndAddressFromTheAuthentication() {
        var auth = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                "dr-x",
                null,
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_PHYSICIAN")));
        AuditRecord r = audit.recordAccess(
                auth,
                "10.1.2.3",
                AuditEventType.INSTANCES_ACCESSED,
                "P-9",
                "PROC-1",
                "1.2.3",
                AuditOutcome.SUCCESS,
                "evidence viewed");
        AuditRecord read =
                events(new AuditFilter(null, null, "PROC-1", null, null, null)).get(0);
        assertEquals(r, read);
        assertEquals("PHYSICIAN", read.event().role());
        assertEquals(AuditAction.R, read.event().action());
    }
}
