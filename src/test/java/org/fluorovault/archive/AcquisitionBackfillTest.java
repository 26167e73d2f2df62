package org.fluorovault.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Objects stored before the index kept acquisition times get them from their stored headers; an
 * object whose file is gone is marked as read with no time, and the pass goes on.
 */
class AcquisitionBackfillTest extends ArchiveTestBase {
    @Autowired
    AcquisitionBackfill backfill;

    @TempDir
    Path tmp;

    private Path object(String acquisitionDateTime) throws Exception {
        String iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa("PBF1", TestDicom.uid(), TestDicom.uid(), iuid, 1, 8);
        if (acquisitionDateTime != null) ds.setString(Tags.AcquisitionDateTime, VR.DT, acquisitionDateTime);
        return TestDicom.write(tmp.resolve(iuid + ".dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
    }

    private java.time.Instant acquiredAt(String uid) {
        return jdbc.queryForObject(
                "SELECT acquired_at FROM instance WHERE sop_instance_uid = ?",
                (rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                uid);
    }

    private boolean checked(String uid) {
        return jdbc.queryForObject(
                "SELECT acquired_checked FROM instance WHERE sop_instance_uid = ?", Boolean.class, uid);
    }

    @Test
    void earlierObjectsGetTheirAcquisitionTimesFromTheirFiles() throws Exception {
        Path stated = object("20261020100500+0200"), none = object(null), gone = object("20261020101000");
        sendAll(stated, none, gone);
        String statedUid = TestDicom.datasetUid(stated),
                noneUid = TestDicom.datasetUid(none),
                goneUid = TestDicom.datasetUid(gone);
        // new objects are read on receipt
        assertThat(checked(statedUid)).isTrue();
        assertThat(acquiredAt(statedUid))
                .isEqualTo(LocalDateTime.of(2026, 10, 20, 10, 5).toInstant(ZoneOffset.ofHours(2)));

        // as if stored before V10, one of them since lost from the disk
        for (String uid : List.of(statedUid, noneUid, goneUid)) {
            jdbc.update(
                    "UPDATE instance SET acquired_at = NULL, acquired_checked = FALSE WHERE sop_instance_uid = ?", uid);
        }
        Files.delete(archive.resolve(index.find(goneUid).path()));

        assertThat(backfill.runToEnd()).isEqualTo(3);
        assertThat(acquiredAt(statedUid))
                .isEqualTo(LocalDateTime.of(2026, 10, 20, 10, 5).toInstant(ZoneOffset.ofHours(2)));
        for (String uid : List.of(noneUid, goneUid)) {
            assertThat(acquiredAt(uid)).as(uid).isNull();
        }
        for (String uid : List.of(statedUid, noneUid, goneUid)) {
            assertThat(checked(uid)).as(uid).isTrue();
        }
        assertThat(backfill.runToEnd()).as("nothing is read twice").isZero();
    }
}
