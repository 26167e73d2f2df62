package org.fluorovault.evidence.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.linking.LinkOnReceipt;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The way from a C-arm's images to an auditor's packet: a procedure is recorded, two runs arrive over DICOM and are
 * linked by accession number, the verdict names what is missing, a technologist annotates, the verdict changes,
 * and the PDF and ZIP packets carry it all.
 */
class EvidenceFlowTest extends ArchiveTestBase {
    static final String PW = "evidence-flow-pw";
    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    org.fluorovault.common.BackgroundWork background;

    @TempDir
    Path tmp;

    @BeforeEach
    void people() {
        ensureUser("flowtech", PW, Role.TECHNOLOGIST);
        ensureUser("flowauditor", PW, Role.AUDITOR);
    }

    static String procedure(String patientId, String accession, String performed) {
        return """
            {"patient": {"id": "%s", "name": "Roe^Richard", "birthDate": "1958-02-11", "sex": "M"},
             "accessionNumber": "%s", "requestedProcedureId": "RP1",
             "scheduledAt": "%sT08:00:00", "performedAt": "%sT08:30:00", "cptCode": "62323",
             "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
             "physician": {"name": "Smith^Ann", "npi": "1234567893"}, "facility": "Spine Center",
             "diagnoses": ["M54.16"],
             "medications": {"steroid": "triamcinolone", "steroidDoseMg": 80, "localAnesthetic": "lidocaine 1%%"},
             "scores": [{"scale": "NRS", "value": 8, "date": "%s", "kind": "BASELINE"},
                        {"scale": "NRS", "value": 3, "date": "%s", "kind": "POST"}]}
            """.formatted(patientId, accession, performed, performed, performed, performed);
    }

    private Path run(String patientId, String studyUid, double angle) throws Exception {
        return run(patientId, studyUid, angle, null);
    }

    /** @param acquisitionDateTime the run's Acquisition DateTime, or null for none */
    private Path run(String patientId, String studyUid, double angle, String acquisitionDateTime) throws Exception {
        String iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa(patientId, studyUid, TestDicom.uid(), iuid, 4, 64);
        ds.setString(Tags.PositionerPrimaryAngle, VR.DS, Attributes.formatDS(angle));
        if (acquisitionDateTime != null) ds.setString(Tags.AcquisitionDateTime, VR.DT, acquisitionDateTime);
        ds.setString(Tags.StudyDate, VR.DA, "20261020");
        return TestDicom.write(tmp.resolve(iuid + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
    }

    private JsonNode evidence(long id, String user) throws Exception {
        HttpResponse<String> r = request("GET", "/api/procedures/" + id + "/evidence", user, PW, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static String status(JsonNode verdict, String rule) {
        for (JsonNode r : verdict.get("rules"))
            if (r.get("id").asString().equals(rule)) return r.get("status").asString();
        throw new AssertionError("no rule " + rule);
    }

    private void annotate(String sopInstanceUid, String view, String pattern) throws Exception {
        HttpResponse<String> saved = postJson(
                "/api/instances/" + sopInstanceUid + "/annotations", "flowtech", PW, """
                {"needleTip": {"frame": 3, "column": 30.5, "row": 28}, "level": "L4-L5",
                 "approach": "INTERLAMINAR_PARAMEDIAN", "laterality": "LEFT", "view": "%s",
                 "contrastPattern": "%s", "keyImage": true, "keyFrames": [3]}
                """.formatted(view, pattern));
        assertThat(saved.statusCode()).as(saved.body()).isIn(200, 201);
    }

    /**
     * R11 asks for an epidural confirmation acquired after the vascular uptake: the order is the
     * one the objects state (Acquisition DateTime), not the order they reached the archive; without
     * stated times the archive can only go by receipt.
     */
    @Test
    void vascularUptakeIsJudgedInTheOrderTheImagesWereAcquired() throws Exception {
        for (boolean stated : new boolean[] {true, false}) {
            String pid = "PAQ" + TestDicom.unique();
            HttpResponse<String> created =
                    postJson("/api/procedures", "flowtech", PW, procedure(pid, "A" + pid, "2026-10-20"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = json.readTree(created.body()).get("id").asLong();
            String study = TestDicom.uid();
            Path vascular = run(pid, study, 0, stated ? "20261020100500" : null);
            Path epidural = run(pid, study, 0, stated ? "20261020101200" : null);
            sendAll(epidural); // the confirmation run reaches the archive first (a re-send, a second C-arm queue...)
            sendAll(vascular);
            assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
            annotate(TestDicom.datasetUid(vascular), "AP", "VASCULAR_REPOSITIONED");
            annotate(TestDicom.datasetUid(epidural), "AP", "EPIDURAL");
            JsonNode v = evidence(id, "flowauditor");
            assertThat(status(v, "R11"))
                    .as("R11 with acquisition times stated: " + stated + ", " + v)
                    .isEqualTo(stated ? "PASS" : "FAIL");
        }
    }

    @Test
    void imagesLinkByAccessionAndTheVerdictFollowsTheAnnotations() throws Exception {
        String pid = "PEV" + TestDicom.unique();
        String accession = "A" + pid;
        HttpResponse<String> created =
                postJson("/api/procedures", "flowtech", PW, procedure(pid, accession, "2026-10-20"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        String study = TestDicom.uid();
        Path ap = run(pid, study, 0), lateral = run(pid, study, 90);
        sendAll(ap, lateral);
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        JsonNode links =
                json.readTree(request("GET", "/api/procedures/" + id + "/studies", "flowauditor", PW, null, null)
                        .body());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("method").asString()).isEqualTo("ACCESSION");
        assertThat(links.get(0).get("studyInstanceUid").asString()).isEqualTo(study);

        JsonNode before = evidence(id, "flowauditor");
        assertThat(before.get("verdict").asString()).isEqualTo("NOT_SUPPORTED");
        assertThat(status(before, "R1")).isEqualTo("PASS");
        assertThat(status(before, "R2")).isEqualTo("WARN"); // two views retained, needle not confirmed
        assertThat(status(before, "R3")).isEqualTo("FAIL");
        assertThat(status(before, "R4")).isEqualTo("FAIL");
        assertThat(before.get("ruleSetVersion").asString()).isNotBlank();

        String apUid = TestDicom.datasetUid(ap), latUid = TestDicom.datasetUid(lateral);
        for (String[] a : new String[][] {{apUid, "AP"}, {latUid, "LATERAL"}}) {
            HttpResponse<String> saved =
                    postJson("/api/instances/" + a[0] + "/annotations", "flowtech", PW, """
                    {"needleTip": {"frame": 3, "column": 30.5, "row": 28}, "level": "L4-L5",
                     "approach": "INTERLAMINAR_PARAMEDIAN", "laterality": "LEFT", "view": "%s",
                     "contrastPattern": "EPIDURAL", "contrastText": "unilateral spread", "keyImage": true, "keyFrames": [3]}
                    """.formatted(a[1]));
            assertThat(saved.statusCode()).as(saved.body()).isIn(200, 201);
        }
        JsonNode after = evidence(id, "flowauditor");
        assertThat(after.get("verdict").asString())
                .as(after.toString())
                .isEqualTo("AT_RISK"); // only the dose is missing
        for (String rule : List.of("R1", "R2", "R3", "R4", "R5", "R6", "R8", "R9"))
            assertThat(status(after, rule)).as(rule).isEqualTo("PASS");
        assertThat(status(after, "R10")).isEqualTo("WARN");
        JsonNode history = json.readTree(
                request("GET", "/api/procedures/" + id + "/evidence/history", "flowauditor", PW, null, null)
                        .body());
        assertThat(history).hasSizeGreaterThanOrEqualTo(2);
        assertThat(history.get(0).get("verdict").asString()).isEqualTo("AT_RISK");

        HttpResponse<byte[]> pdf = get("/api/procedures/" + id + "/packet.pdf", "flowauditor", PW, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replace("\n", " ");
            assertThat(text)
                    .contains("AT_RISK")
                    .contains("Roe^Richard")
                    .contains(apUid)
                    .contains("unilateral spread")
                    .contains(
                            "CARM1".equals(index.find(apUid).callingAet())
                                    ? "CARM1"
                                    : index.find(apUid).callingAet())
                    .contains(index.find(apUid).sha256().substring(0, 20));
        }

        HttpResponse<byte[]> zip = get("/api/procedures/" + id + "/packet.zip", "flowauditor", PW, null);
        assertThat(zip.statusCode()).isEqualTo(200);

        // everything people and rules did to this record is in the audit trail, which the technologist may not read
        assertThat(request("GET", "/api/audit?procedureId=" + id, "flowtech", PW, null, null)
                        .statusCode())
                .isEqualTo(403);
        JsonNode trail = json.readTree(
                request("GET", "/api/audit?procedureId=" + id + "&size=200", "flowauditor", PW, null, null)
                        .body());
        List<String> events = new ArrayList<>();
        for (JsonNode e : trail.get("items")) {
            events.add(e.get("eventId").asString() + " " + e.get("action").asString() + " "
                    + e.get("user").asString() + " " + e.get("detail").asString());
        }
        assertThat(events)
                .anyMatch(e -> e.startsWith("110111 C flowtech created"))
                .anyMatch(e -> e.startsWith("110111 U linker study linked by rule ACCESSION"))
                .anyMatch(e -> e.startsWith("110111 R flowauditor evidence viewed: NOT_SUPPORTED"))
                .anyMatch(e -> e.startsWith("110111 R flowauditor evidence viewed: AT_RISK"))
                .anyMatch(e -> e.startsWith("110106 R flowauditor packet.pdf downloaded"))
                .anyMatch(e -> e.startsWith("110106 R flowauditor packet.zip downloaded: 2 DICOM object(s)"));
        assertThat(trail.get("items").get(0).get("patientId").asString()).isEqualTo(pid);
        JsonNode annotated = json.readTree(
                request("GET", "/api/audit?user=flowtech&type=110103&size=50", "flowauditor", PW, null, null)
                        .body());
        assertThat(annotated.get("items"))
                .anySatisfy(e -> assertThat(e.get("detail").asString()).contains("annotation version 1 of " + apUid));
        HttpResponse<String> refused =
                postJson("/api/instances/" + apUid + "/annotations", "flowauditor", PW, "{\"level\": \"L4-L5\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode alerts =
                json.readTree(request("GET", "/api/audit?user=flowauditor&type=110113", "flowauditor", PW, null, null)
                        .body());
        assertThat(alerts.get("items").get(0).get("detail").asString())
                .contains("may not annotate")
                .contains(apUid);
        List<String> names = new ArrayList<>();
        Path out = tmp.resolve("packet");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                Path f = out.resolve(e.getName());
                Files.createDirectories(f.getParent());
                Files.copy(in, f);
            }
        }
        assertThat(names).startsWith("DICOMDIR").contains("MANIFEST.SHA256", "README.TXT");
        assertThat(names.stream().filter(n -> n.startsWith("DICOM/"))).hasSize(2);
        // the packet carries the stored files byte for byte
        String firstSha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(out.resolve(names.get(1)))));
        assertThat(List.of(index.find(apUid).sha256(), index.find(latUid).sha256()))
                .contains(firstSha);
        assertThat(Files.readString(out.resolve("README.TXT"))).contains("sha256sum -c MANIFEST.SHA256");
        assertThat(Files.readString(out.resolve("MANIFEST.SHA256")))
                .contains(index.find(apUid).sha256() + "  DICOM/")
                .contains(index.find(latUid).sha256() + "  DICOM/");
    }

    @Test
    @Tag("interop")
    void theZipPacketIsAFileSetDcmtkReadsAndSha256sumVerifies() throws Exception {
        Peers.require("dcmdump", "sha256sum");
        String pid = "PZ" + TestDicom.unique();
        long id = json.readTree(postJson("/api/procedures", "flowtech", PW, procedure(pid, "A" + pid, "2026-10-20"))
                        .body())
                .get("id")
                .asLong();
        String study = TestDicom.uid();
        sendAll(run(pid, study, 0), run(pid, study, -30));
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        Path out = unzip(
                get("/api/procedures/" + id + "/packet.zip", "flowauditor", PW, null)
                        .body(),
                tmp.resolve("z"));
        Peers.Result sums = Peers.run(out, 60, "sha256sum", "-c", "MANIFEST.SHA256");
        assertThat(sums.exitCode()).as(sums.output()).isZero();
        assertThat(sums.output()).contains("DICOMDIR: OK");
        Peers.Result dump = Peers.run(out, 60, "dcmdump", "DICOMDIR");
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(dump.output())
                .contains("\"Directory Record\" PATIENT")
                .contains("\"Directory Record\" STUDY")
                .contains("\"Directory Record\" IMAGE")
                .contains(pid)
                .doesNotContain("PRIVATE");

        // a stored object damaged after receipt: the manifest keeps the hash recorded at receipt, so the auditor's
        // check fails on exactly that file, and the PDF's chain of custody marks it CHANGED
        StoredInstance damaged = index.instancesOfStudy(study).get(0);
        Path file = archive.resolve(damaged.path());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(file, bytes);
        Path again = unzip(
                get("/api/procedures/" + id + "/packet.zip", "flowauditor", PW, null)
                        .body(),
                tmp.resolve("z2"));
        Peers.Result failed = Peers.run(again, 60, "sha256sum", "-c", "MANIFEST.SHA256");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output().lines().filter(l -> l.endsWith("FAILED"))).hasSize(1);
        try (PDDocument doc = Loader.loadPDF(get("/api/procedures/" + id + "/packet.pdf", "flowauditor", PW, null)
                .body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("CHANGED");
        }
    }

    private static Path unzip(byte[] zip, Path out) throws java.io.IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path f = out.resolve(e.getName());
                Files.createDirectories(f.getParent());
                Files.copy(in, f);
            }
        }
        return out;
    }

    @Test
    void unmatchedStudiesWaitForAPersonWhoLinksAndUnlinksThem() throws Exception {
        String pid = "PQ" + TestDicom.unique();
        long id = json.readTree(postJson("/api/procedures", "flowtech", PW, procedure(pid, "OTHER" + pid, "2026-09-01"))
                        .body())
                .get("id")
                .asLong();
        String study = TestDicom.uid();
        sendAll(run(pid, study, 0)); // accession A<pid> is unknown, and the study date is weeks from the procedure
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        JsonNode queue = json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                .body());
        JsonNode mine = find(queue, study);
        assertThat(mine.get("reason").asString()).isEqualTo("UNMATCHED");
        assertThat(mine.get("patientId").asString()).isEqualTo(pid);

        assertThat(postJson(
                                "/api/procedures/" + id + "/studies",
                                "flowauditor",
                                PW,
                                "{\"studyInstanceUid\":\"" + study + "\"}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> linked = postJson(
                "/api/procedures/" + id + "/studies",
                "flowtech",
                PW,
                "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"C-arm had no worklist\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(json.readTree(linked.body()).get("method").asString()).isEqualTo("USER");
        assertThat(postJson(
                                "/api/procedures/" + id + "/studies",
                                "flowtech",
                                PW,
                                "{\"studyInstanceUid\":\"" + study + "\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(find(
                        json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                                .body()),
                        study))
                .isNull();

        assertThat(request(
                                "DELETE",
                                "/api/procedures/" + id + "/studies/" + study + "?reason=wrong%20patient",
                                "flowtech",
                                PW,
                                null,
                                null)
                        .statusCode())
                .isEqualTo(204);
        JsonNode requeued = find(
                json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                        .body()),
                study);
        assertThat(requeued.get("reason").asString()).isEqualTo("UNLINKED");
        // a new instance of the study does not make the rules attach it again
        String iuid = TestDicom.uid();
        sendAll(TestDicom.write(
                tmp.resolve(iuid + ".dcm"),
                TestDicom.xa(pid, study, TestDicom.uid(), iuid, 2, 32),
                TransferSyntax.EXPLICIT_VR_LE));
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        assertThat(json.readTree(request("GET", "/api/procedures/" + id + "/studies", "flowtech", PW, null, null)
                        .body()))
                .isEmpty();
        JsonNode history = json.readTree(
                request("GET", "/api/procedures/" + id + "/studies/history", "flowauditor", PW, null, null)
                        .body());
        assertThat(history)
                .extracting(
                        h -> h.get("action").asString() + " " + h.get("actor").asString())
                .containsExactly("LINK flowtech", "UNLINK flowtech");
        assertThat(history.get(1).get("detail").asString()).contains("wrong patient");
        assertThat(request("DELETE", "/api/procedures/" + id + "/studies/" + study, "flowtech", PW, null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    /**
     * A study whose accession number is a procedure's but whose Patient ID is another patient's
     * was linked, so the other patient's images reached the verdict and the ZIP. Now it waits in
     * the queue as a conflict naming both patients, and a person links it only with a reason.
     */
    @Test
    void aStudyOfAnotherPatientIsNeverLinkedByItsAccessionNumber() throws Exception {
        String pid = "PW" + TestDicom.unique(), intruder = "PX" + TestDicom.unique();
        long id = json.readTree(postJson("/api/procedures", "flowtech", PW, procedure(pid, "A" + pid, "2026-10-20"))
                        .body())
                .get("id")
                .asLong();
        String study = TestDicom.uid();
        Attributes ds = TestDicom.xa(intruder, study, TestDicom.uid(), TestDicom.uid(), 2, 32);
        ds.setString(Tags.AccessionNumber, VR.SH, "A" + pid); // the procedure's accession, another patient's images
        ds.setString(Tags.StudyDate, VR.DA, "20261020");
        sendAll(TestDicom.write(tmp.resolve(study + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE));
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();

        assertThat(json.readTree(request("GET", "/api/procedures/" + id + "/studies", "flowtech", PW, null, null)
                        .body()))
                .isEmpty();
        JsonNode queued = find(
                json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                        .body()),
                study);
        assertThat(queued).as("the study waits for a person").isNotNull();
        assertThat(queued.get("reason").asString()).isEqualTo("CONFLICT");
        assertThat(queued.get("candidates").get(0).asLong()).isEqualTo(id);
        assertThat(queued.get("detail").asString())
                .contains(intruder)
                .contains(pid)
                .contains("procedure " + id);
        assertThat(evidence(id, "flowauditor").toString()).doesNotContain(study);

        HttpResponse<String> noReason = postJson(
                "/api/procedures/" + id + "/studies", "flowtech", PW, "{\"studyInstanceUid\":\"" + study + "\"}");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.body()).contains(intruder).contains("reason");
        assertThat(postJson(
                                "/api/procedures/" + id + "/studies",
                                "flowtech",
                                PW,
                                "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"  \"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(json.readTree(request("GET", "/api/procedures/" + id + "/studies", "flowtech", PW, null, null)
                        .body()))
                .isEmpty();

        HttpResponse<String> linked = postJson(
                "/api/procedures/" + id + "/studies",
                "flowtech",
                PW,
                "{\"studyInstanceUid\":\"" + study + "\",\"reason\":\"patient ID mistyped at the C-arm\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        JsonNode trail =
                json.readTree(request("GET", "/api/audit?procedureId=" + id + "&size=50", "flowauditor", PW, null, null)
                        .body());
        assertThat(trail.get("items"))
                .anyMatch(e -> e.get("eventId").asString().equals("110111")
                        && "flowtech".equals(e.get("user").asString())
                        && study.equals(e.get("studyUid").asString())
                        && e.get("detail").asString().contains(intruder)
                        && e.get("detail").asString().contains("mistyped"));
        JsonNode history = json.readTree(
                request("GET", "/api/procedures/" + id + "/studies/history", "flowauditor", PW, null, null)
                        .body());
        assertThat(history.get(0).get("detail").asString()).contains("mistyped").contains(intruder);
    }

    @Test
    void imagesThatArriveBeforeTheirProcedureAreLinkedWhenItIsRecorded() throws Exception {
        String pid = "PL" + TestDicom.unique();
        String study = TestDicom.uid();
        sendAll(run(pid, study, 0)); // accession A<pid>, no procedure yet
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        assertThat(find(
                                json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                                        .body()),
                                study)
                        .get("reason")
                        .asString())
                .isEqualTo("UNMATCHED");
        long id = json.readTree(postJson("/api/procedures", "flowtech", PW, procedure(pid, "A" + pid, "2026-10-20"))
                        .body())
                .get("id")
                .asLong();
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        JsonNode links = json.readTree(request("GET", "/api/procedures/" + id + "/studies", "flowtech", PW, null, null)
                .body());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("method").asString()).isEqualTo("ACCESSION");
        assertThat(find(
                        json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                                .body()),
                        study))
                .isNull();
    }

    @Test
    void studiesWithoutGuidanceImagingAreNotQueuedForPeople() throws Exception {
        String iuid = TestDicom.uid(), study = TestDicom.uid();
        Attributes mr = TestDicom.xa("PMR" + TestDicom.unique(), study, TestDicom.uid(), iuid, 1, 16);
        mr.setString(Tags.Modality, VR.CS, "MR");
        mr.setString(Tags.AccessionNumber, VR.SH, "NOPROC1");
        sendAll(TestDicom.write(tmp.resolve(iuid + ".dcm"), mr, TransferSyntax.EXPLICIT_VR_LE));
        assertThat(background.awaitIdle(10_000, LinkOnReceipt.QUEUE)).isTrue();
        assertThat(find(
                        json.readTree(request("GET", "/api/link-queue?size=1000", "flowtech", PW, null, null)
                                .body()),
                        study))
                .isNull();
        assertThat(request("GET", "/api/link-queue?size=0", "flowtech", PW, null, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownProceduresAndCodesWithoutARuleSetAreClearErrors() throws Exception {
        assertThat(request("GET", "/api/procedures/987654321/evidence", "flowauditor", PW, null, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/procedures/987654321/packet.zip", "flowauditor", PW, null)
                        .statusCode())
                .isEqualTo(404);
        String body = procedure("PT" + TestDicom.unique(), "T1", "2026-10-01")
                .replace("\"62323\"", "\"64483\"")
                .replace("\"INTERLAMINAR\"", "\"TRANSFORAMINAL\"");
        HttpResponse<String> created = postJson("/api/procedures", "flowtech", PW, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> r = request("GET", "/api/procedures/" + id + "/evidence", "flowauditor", PW, null, null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("64483").contains("62323");
    }

    private static JsonNode find(JsonNode queue, String study) {
        for (JsonNode q : queue) if (q.get("studyInstanceUid").asString().equals(study)) return q;
        return null;
    }
}
