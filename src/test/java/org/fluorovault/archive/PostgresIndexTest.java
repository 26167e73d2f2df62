package org.fluorovault.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.PostgresTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.fluorovault.tools.SendCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same receiver and index on PostgreSQL (the production database): Flyway migrates it,
 * objects are indexed, duplicates and conflicts behave as on H2, QIDO finds them. Runs when
 * FLUOROVAULT_TEST_PG_URL is set (.ci/run sets it); required in CI.
 */
class PostgresIndexTest extends PostgresTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    AuditTrail audit;

    @Test
    void indexesOnPostgres(@TempDir Path dir) throws Exception {
        String product = jdbc.queryForObject("SELECT version()", String.class);
        assertTrue(product.startsWith("PostgreSQL"), product);
        String study = TestDicom.uid(), series = TestDicom.uid(), iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa("PG-1", study, series, iuid, 2, 32);
        ds.setString(Tags.PatientName, VR.PN, "Ångström^Åsa");
        Path f = TestDicom.write(dir.resolve("pg.dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
        assertEquals(1, send(f).sent());
        assertEquals(1, send(f).sent(), "identical duplicate");
        StoredInstance si = index.find(iuid);
        assertNotNull(si);
        assertEquals(study, si.studyInstanceUid());

        Attributes other = TestDicom.xa("PG-1", study, series, iuid, 2, 32);
        other.setString(Tags.StudyDescription, VR.LO, "changed");
        SendCommand.Summary s = send(TestDicom.write(dir.resolve("pg2.dcm"), other, TransferSyntax.EXPLICIT_VR_LE));
        assertEquals("0111", s.failures().get(0).status());
        assertEquals(1, index.quarantineCount(iuid));

        var r = getAsAdmin("/dicomweb/studies?PatientName=%C3%85ngstr*", "application/dicom+json");
        String json = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(json.contains(study), json);
        assertEquals(DicomFileInfo.of(f).sopInstanceUid(), iuid);

        // the audit trail on PostgreSQL: the receptions and the query are chained, the chain verifies
        assertTrue(node.awaitIdle(10_000));
        audit.flush();
        var received = audit.search(
                new AuditFilter(null, "PG-1", null, null, null, AuditEventType.INSTANCES_TRANSFERRED), 0, 10);
        assertEquals(3, received.total(), received.toString());
        String verify =
                new String(getAsAdmin("/api/audit/verify", "application/json").body(), StandardCharsets.UTF_8);
        assertTrue(verify.startsWith("{\"valid\":true"), verify);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.fluorovault.review.AnnotationService annotations;

    @org.springframework.beans.factory.annotation.Autowired
    org.fluorovault.review.ReviewService reviews;

    /** Annotation versions, the current-per-study query and a review's documents on PostgreSQL. */
    @Test
    void annotationsAndReviewsOnPostgres(@TempDir Path dir) throws Exception {
        String study = TestDicom.uid(), iuid = TestDicom.uid();
        assertEquals(
                1,
                send(TestDicom.write(
                                dir.resolve("ann.dcm"),
                                TestDicom.xa("PG-2", study, TestDicom.uid(), iuid, 2, 32),
                                TransferSyntax.EXPLICIT_VR_LE))
                        .sent());
        var first = new org.fluorovault.review.AnnotationRequest(
                new org.fluorovault.review.NeedleTip(2, 3.5, 4.5),
                "L3-L4",
                "INTERLAMINAR_MIDLINE",
                "MIDLINE",
                "AP",
                "EPIDURAL",
                "Ångström text",
                true,
                java.util.List.of(2));
        annotations.save(iuid, first, "pg-tech", "TECHNOLOGIST");
        var second = new org.fluorovault.review.AnnotationRequest(
                null, "L4-L5", null, null, "LATERAL", null, null, false, null);
        annotations.save(iuid, second, "pg-phys", "PHYSICIAN");
        var history = annotations.history(iuid);
        assertEquals(2, history.size());
        assertEquals("Ångström text", history.get(0).contrastText());
        assertEquals(java.util.List.of(2), history.get(0).keyFrames());
        assertEquals(2, annotations.currentForStudy(study).get(0).version());
        var docs = reviews.review(study, "pg-phys", "PHYSICIAN");
        assertNotNull(index.find(docs.srSopInstanceUid()), "the SR is indexed on PostgreSQL");
        assertEquals(null, docs.kosSopInstanceUid(), "the current version marks no key image");
    }
}
