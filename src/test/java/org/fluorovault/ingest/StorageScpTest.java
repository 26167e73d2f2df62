package org.fluorovault.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.DicomFileInfo;
import org.fluorovault.tools.SendCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C-STORE SCP through our own sender: durable storage, duplicates, conflicts and failures. */
class StorageScpTest extends ArchiveTestBase {
    @TempDir
    Path dir;

    @Test
    void storesByteForByteWithChecksumAndIndexRow() throws Exception {
        Path f = TestDicom.writeXa(dir, "P-STORE-1", TestDicom.uid(), 3, 64);
        String iuid = DicomFileInfo.of(f).sopInstanceUid();
        SendCommand.Summary s = send(f);
        assertEquals(1, s.sent(), s.failures().toString());
        StoredInstance si = index.find(iuid);
        assertNotNull(si);
        Path stored = archive.resolve(si.path());
        assertArrayEquals(TestDicom.datasetBytes(f), TestDicom.datasetBytes(stored), "data set stored exactly as sent");
        assertEquals(Files.size(stored), si.size());
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(org.fluorovault.archive.ArchiveStore.sha256().digest(Files.readAllBytes(stored))),
                si.sha256());
        assertEquals("FVSEND", si.callingAet());
        Integer frames = jdbc.queryForObject(
                "SELECT number_of_frames FROM instance WHERE sop_instance_uid = ?", Integer.class, iuid);
        assertEquals(3, frames);
        try (Stream<Path> tmp = Files.list(archive.root().resolve("tmp"))) {
            assertEquals(0, tmp.count(), "no temporary file left behind");
        }
    }

    @Test
    void sameObjectTwiceKeepsOneCopy() throws Exception {
        Path f = TestDicom.writeXa(dir, "P-DUP-1", TestDicom.uid(), 1, 32);
        assertEquals(1, send(f).sent());
        assertEquals(1, send(f).sent(), "identical content answers success");
        String iuid = DicomFileInfo.of(f).sopInstanceUid();
        assertEquals(
                1,
                jdbc.queryForObject("SELECT COUNT(*) FROM instance WHERE sop_instance_uid = ?", Integer.class, iuid));
        assertEquals(0, index.quarantineCount(iuid));
    }

    @Test
    void differentContentUnderTheSameUidIsQuarantinedAndNeverOverwrites() throws Exception {
        String study = TestDicom.uid(), series = TestDicom.uid(), iuid = TestDicom.uid();
        Path first = TestDicom.write(
                dir.resolve("a.dcm"),
                TestDicom.xa("P-CONFLICT", study, series, iuid, 1, 32),
                TransferSyntax.EXPLICIT_VR_LE);
        Attributes changed = TestDicom.xa("P-CONFLICT", study, series, iuid, 1, 32);
        changed.setString(Tags.PatientName, org.fluorovault.dicom.data.VR.PN, "Other^Person");
        Path second = TestDicom.write(dir.resolve("b.dcm"), changed, TransferSyntax.EXPLICIT_VR_LE);
        assertEquals(1, send(first).sent());
        String sha = index.find(iuid).sha256();
        byte[] before = Files.readAllBytes(archive.resolve(index.find(iuid).path()));
        SendCommand.Summary s = send(second);
        assertEquals(0, s.sent());
        assertEquals("0111", s.failures().get(0).status());
        assertTrue(
                s.failures().get(0).reason().contains("quarantined"),
                s.failures().get(0).reason());
        assertEquals(sha, index.find(iuid).sha256());
        assertArrayEquals(
                before, Files.readAllBytes(archive.resolve(index.find(iuid).path())), "first object untouched");
        assertEquals(1, index.quarantineCount(iuid));
        String qpath =
                jdbc.queryForObject("SELECT path FROM quarantine WHERE sop_instance_uid = ?", String.class, iuid);
        assertArrayEquals(
                TestDicom.datasetBytes(second),
                TestDicom.datasetBytes(archive.resolve(Path.of(qpath))),
                "conflicting object kept");
    }

    @Test
    void missingStudyUidIsA900AndNothingIsStored() throws Exception {
        String iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa("P-A900", TestDicom.uid(), TestDicom.uid(), iuid, 1, 16);
        ds.remove(Tags.StudyInstanceUID);
        Path f = TestDicom.write(dir.resolve("nostudy.dcm"), ds, TransferSyntax.EXPLICIT_VR_LE);
        SendCommand.Summary s = send(f);
        assertEquals("A900", s.failures().get(0).status());
        assertTrue(
                s.failures().get(0).reason().contains("StudyInstanceUID"),
                s.failures().get(0).reason());
        assertNull(index.find(iuid));
    }

    @Test
    void unparsableDatasetIsC000AndTheNodeKeepsServing() throws Exception {
        String iuid = TestDicom.uid();
        Path good = TestDicom.write(
                dir.resolve("g.dcm"),
                TestDicom.xa("P-C000", TestDicom.uid(), TestDicom.uid(), iuid, 1, 16),
                TransferSyntax.EXPLICIT_VR_LE);
        byte[] b = Files.readAllBytes(good);
        // cut the file in the middle of the pixel data value: the data set ends mid-element
        Path broken = dir.resolve("broken.dcm");
        Files.write(broken, Arrays.copyOf(b, b.length - 100));
        SendCommand.Summary s = send(broken);
        assertEquals("C000", s.failures().get(0).status());
        assertNull(index.find(iuid));
        assertEquals(
                1,
                send(TestDicom.writeXa(dir, "P-C000", TestDicom.uid(), 1, 16)).sent(),
                "still serving");
    }

    @Test
    void sopInstanceUidDifferentFromCommandIsA900() throws Exception {
        Attributes ds = TestDicom.xa("P-MISMATCH", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, 16);
        Path f = dir.resolve("m.dcm");
        // file meta says one UID, the data set another
        Attributes fmi = org.fluorovault.dicom.io.FileMetaInformation.create(
                TestDicom.XA, "1.2.3.999", TransferSyntax.EXPLICIT_VR_LE, "1.2.3", "T", null);
        try (var w = new org.fluorovault.dicom.io.DicomWriter(Files.newOutputStream(f))) {
            w.writeFile(fmi, ds);
        }
        SendCommand.Summary s = send(f);
        assertEquals("A900", s.failures().get(0).status());
        assertNull(index.find("1.2.3.999"));
    }

    @Test
    void senderSkipsNonDicomFilesWithoutStoppingOrFailing() throws Exception {
        Path junk = Files.writeString(dir.resolve("readme.txt"), "not dicom");
        Path ok = TestDicom.writeXa(dir.resolve("sub"), "P-MIX", TestDicom.uid(), 1, 16);
        SendCommand.Summary s = send(dir);
        assertEquals(1, s.sent());
        assertEquals(List.of(), s.failures(), "a folder with a README is not a failed import");
        List<SendCommand.Failure> skipped = s.skipped();
        assertEquals(1, skipped.size());
        assertEquals(junk, skipped.get(0).file());
        assertTrue(
                skipped.get(0).reason().contains("no DICM prefix"),
                skipped.get(0).reason());
        assertNotNull(index.find(DicomFileInfo.of(ok).sopInstanceUid()));
    }
}
