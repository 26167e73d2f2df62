package org.fluorovault.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.security.Role;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's view of the quarantine and of missing files: list, release, delete, audited. */
class StorageIssuesTest extends ArchiveTestBase {
    @TempDir
    Path dir;

    @Test
    void aQuarantinedObjectIsListedReleasedBackAndDeletedByAnAdminOnly() throws Exception {
        String study = TestDicom.uid(), series = TestDicom.uid(), iuid = TestDicom.uid();
        Path first = TestDicom.write(
                dir.resolve("a.dcm"), TestDicom.xa("P-Q", study, series, iuid, 1, 16), TransferSyntax.EXPLICIT_VR_LE);
        Attributes changed = TestDicom.xa("P-Q", study, series, iuid, 1, 16);
        changed.setString(Tags.InstanceNumber, VR.IS, "7");
        Path second = TestDicom.write(dir.resolve("b.dcm"), changed, TransferSyntax.EXPLICIT_VR_LE);
        assertEquals(1, send(first).sent());
        assertEquals("0111", send(second).failures().get(0).status());
        String storedSha = index.find(iuid).sha256();

        ensureUser("tech-q", "tech-q-password-1", Role.TECHNOLOGIST);
        assertEquals(
                403,
                request("GET", "/api/admin/storage/quarantine", "tech-q", "tech-q-password-1", null, null)
                        .statusCode());

        String list = request("GET", "/api/admin/storage/quarantine", "admin", ADMIN_PASSWORD, null, null)
                .body();
        assertTrue(list.contains(iuid) && list.contains(storedSha), list);
        long id = jdbc.queryForObject("SELECT id FROM quarantine WHERE sop_instance_uid = ?", Long.class, iuid);

        var released = request(
                "POST", "/api/admin/storage/quarantine/" + id + "/release", "admin", ADMIN_PASSWORD, null, null);
        assertEquals(200, released.statusCode(), released.body());
        StoredInstance now = index.find(iuid);
        assertArrayEquals(
                TestDicom.datasetBytes(second),
                TestDicom.datasetBytes(archive.resolve(now.path())),
                "released object indexed");
        assertTrue(
                released.body().contains(storedSha),
                "the formerly stored object is in quarantine now: " + released.body());
        String qpath = jdbc.queryForObject("SELECT path FROM quarantine WHERE id = ?", String.class, id);
        assertArrayEquals(
                TestDicom.datasetBytes(first), TestDicom.datasetBytes(archive.resolve(Path.of(qpath))), "nothing lost");
        assertEquals(
                7,
                jdbc.queryForObject(
                        "SELECT instance_number FROM instance WHERE sop_instance_uid = ?", Integer.class, iuid),
                "instance-level attributes follow the released object");

        assertEquals(
                200,
                request("POST", "/api/admin/storage/quarantine/" + id + "/release", "admin", ADMIN_PASSWORD, null, null)
                        .statusCode(),
                "released back");
        assertEquals(storedSha, index.find(iuid).sha256());
        qpath = jdbc.queryForObject("SELECT path FROM quarantine WHERE id = ?", String.class, id);

        assertEquals(
                204,
                request("DELETE", "/api/admin/storage/quarantine/" + id, "admin", ADMIN_PASSWORD, null, null)
                        .statusCode());
        assertFalse(Files.exists(archive.resolve(Path.of(qpath))), "quarantined file deleted");
        assertTrue(Files.exists(archive.resolve(index.find(iuid).path())), "the stored object stays");
        assertEquals(
                404,
                request("DELETE", "/api/admin/storage/quarantine/" + id, "admin", ADMIN_PASSWORD, null, null)
                        .statusCode());
        assertEquals(
                2,
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_event WHERE event_id = '110103' AND detail LIKE ?",
                        Integer.class,
                        "quarantine entry " + id + " released%"));
        assertEquals(
                1,
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_event WHERE event_id = '110105' AND detail LIKE ?",
                        Integer.class,
                        "%" + iuid + "%"));
    }

    @Test
    void anIndexedObjectWithoutItsFileIsA500OnWadoAndListedForTheAdmin() throws Exception {
        Path f = TestDicom.writeXa(dir, "P-MISSING", TestDicom.uid(), 1, 16);
        assertEquals(1, send(f).sent());
        String iuid = TestDicom.datasetUid(f);
        StoredInstance si = index.find(iuid);
        Files.delete(archive.resolve(si.path()));
        var wado = getAsAdmin(
                "/dicomweb/studies/" + si.studyInstanceUid() + "/series/" + si.seriesInstanceUid() + "/instances/"
                        + iuid,
                null);
        assertEquals(500, wado.statusCode(), "an archive fault, not a 404");
        String missing = request("GET", "/api/admin/storage/missing", "admin", ADMIN_PASSWORD, null, null)
                .body();
        assertTrue(missing.contains(iuid), missing);
        var health = get("/actuator/health", null, null, null);
        assertEquals(503, health.statusCode(), "health is DOWN while files are missing");
        assertEquals(1, send(f).sent(), "an identical resend restores the file");
        assertTrue(Files.exists(archive.resolve(si.path())));
        assertEquals(200, get("/actuator/health", null, null, null).statusCode());
    }
}
