package org.fluorovault.dicom.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DICOMDIR for two patients' runs and a dose report: record tree, offsets, and what dcmtk and dciodvfy say. */
class DicomDirBuilderTest {
    @TempDir
    Path dir;

    private Path fileSet() throws IOException {
        DicomDirBuilder b = new DicomDirBuilder("FLUOROVAULT");
        String study1 = TestDicom.uid(), study2 = TestDicom.uid();
        add(b, "P1", study1, TestDicom.uid(), "DICOM", "P0001", "S0001", "R0001", "I0001");
        String series = TestDicom.uid();
        add(b, "P1", study1, series, "DICOM", "P0001", "S0001", "R0002", "I0001");
        add(b, "P1", study1, series, "DICOM", "P0001", "S0001", "R0002", "I0002");
        add(b, "P2", study2, TestDicom.uid(), "DICOM", "P0002", "S0001", "R0001", "I0001");
        Path sr = Path.of("dicom-samples/dose-report.dcm");
        Attributes fmi = new Attributes();
        Attributes ds;
        try (DicomReader r = new DicomReader(Files.newInputStream(sr), sr)) {
            ds = r.readFile(fmi);
        }
        Path target = dir.resolve("DICOM/P0003/S0001/R0001/I0001");
        Files.createDirectories(target.getParent());
        Files.copy(sr, target);
        b.add(new String[] {"DICOM", "P0003", "S0001", "R0001", "I0001"}, fmi, ds);
        Path dicomdir = dir.resolve("DICOMDIR");
        try (OutputStream out = Files.newOutputStream(dicomdir)) {
            b.write(out);
        }
        return dicomdir;
    }

    private void add(DicomDirBuilder b, String patient, String study, String series, String... fileId)
            throws IOException {
        String iuid = TestDicom.uid();
        Attributes ds = TestDicom.xa(patient, study, series, iuid, 2, 16);
        Path file = TestDicom.write(dir.resolve(String.join("/", fileId)), ds, TransferSyntax.EXPLICIT_VR_LE);
        Attributes fmi = new Attributes();
        try (DicomReader r = new DicomReader(Files.newInputStream(file), file)) {
            r.readFile(fmi);
        }
        b.add(fileId, fmi, ds);
    }

    @Test
    void recordsFormAPatientStudySeriesTreeReachableThroughTheOffsets() throws IOException {
        Path dicomdir = fileSet();
        byte[] bytes = Files.readAllBytes(dicomdir);
        Attributes fmi = new Attributes();
        Attributes ds;
        try (InputStream in = Files.newInputStream(dicomdir);
                DicomReader r = new DicomReader(in, dicomdir)) {
            ds = r.readFile(fmi);
        }
        assertThat(fmi.getString(Tags.MediaStorageSOPClassUID)).isEqualTo(DicomDirBuilder.MEDIA_STORAGE_DIRECTORY);
        List<Attributes> records = ds.getSequence(Tags.DirectoryRecordSequence).items();
        assertThat(records)
                .extracting(a -> a.getString(Tags.DirectoryRecordType))
                .containsExactly(
                        "PATIENT",
                        "STUDY",
                        "SERIES",
                        "IMAGE",
                        "SERIES",
                        "IMAGE",
                        "IMAGE",
                        "PATIENT",
                        "STUDY",
                        "SERIES",
                        "IMAGE",
                        "PATIENT",
                        "STUDY",
                        "SERIES",
                        "SR DOCUMENT");
        // walk the tree through the byte offsets: each must land on an item tag whose record is the expected one
        List<String> walked = new ArrayList<>();
        walk(bytes, ds.getInt(Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 0), records, walked, "");
        assertThat(walked)
                .containsExactly(
                        "PATIENT P1",
                        " STUDY",
                        "  SERIES",
                        "   IMAGE",
                        "  SERIES",
                        "   IMAGE",
                        "   IMAGE",
                        "PATIENT P2",
                        " STUDY",
                        "  SERIES",
                        "   IMAGE",
                        "PATIENT FV-SAMPLE-001",
                        " STUDY",
                        "  SERIES",
                        "   SR DOCUMENT");
        Attributes last = records.get(records.size() - 1);
        assertThat(last.getStrings(Tags.ReferencedFileID)).containsExactly("DICOM", "P0003", "S0001", "R0001", "I0001");
        assertThat(last.getNestedItem(Tags.ConceptNameCodeSequence).getString(Tags.CodeValue))
                .isEqualTo("113701");
    }

    /** Follows next-sibling and lower-level offsets from {@code offset}, checking that each lands on a record item. */
    private void walk(byte[] bytes, int offset, List<Attributes> records, List<String> out, String indent) {
        while (offset != 0) {
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, 8).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getShort() & 0xffff).as("item tag at %d", offset).isEqualTo(0xFFFE);
            assertThat(b.getShort() & 0xffff).isEqualTo(0xE000);
            Attributes r = records.get(indexAt(bytes, offset, records));
            String type = r.getString(Tags.DirectoryRecordType);
            out.add(indent + type + (type.equals("PATIENT") ? " " + r.getString(Tags.PatientID, "") : ""));
            walk(bytes, r.getInt(Tags.OffsetOfReferencedLowerLevelDirectoryEntity, 0), records, out, indent + " ");
            offset = r.getInt(Tags.OffsetOfTheNextDirectoryRecord, 0);
        }
    }

    /** Which record starts at {@code offset}: count the record item tags at depth one before it. */
    private int indexAt(byte[] bytes, int offset, List<Attributes> records) {
        // records are written in order; their item start positions are strictly increasing, so collect them all
        List<Integer> starts = new ArrayList<>();
        collectStarts(bytes, records, starts);
        int i = starts.indexOf(offset);
        assertThat(i).as("offset %d starts a directory record", offset).isGreaterThanOrEqualTo(0);
        return i;
    }

    private void collectStarts(byte[] bytes, List<Attributes> records, List<Integer> starts) {
        // each record item begins right after the previous one's item delimitation (FFFE,E00D) + zero length
        int pos = findSequenceStart(bytes);
        for (int n = 0; n < records.size(); n++) {
            starts.add(pos);
            pos = nextItemDelimitation(bytes, pos + 8) + 8;
        }
    }

    private static int findSequenceStart(byte[] bytes) {
        for (int i = 132; i + 12 < bytes.length; i++) {
            if (bytes[i] == 0x04
                    && bytes[i + 1] == 0
                    && bytes[i + 2] == 0x20
                    && bytes[i + 3] == 0x12
                    && bytes[i + 4] == 'S'
                    && bytes[i + 5] == 'Q') {
                return i + 12;
            }
        }
        throw new AssertionError("no Directory Record Sequence");
    }

    private static int nextItemDelimitation(byte[] bytes, int from) {
        int depth = 0;
        for (int i = from; i + 8 <= bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0xFE && (bytes[i + 1] & 0xff) == 0xFF) {
                int el = (bytes[i + 2] & 0xff) | (bytes[i + 3] & 0xff) << 8;
                if (el == 0xE000) depth++;
                else if (el == 0xE00D && depth == 0) return i;
                else if (el == 0xE00D) depth--;
            }
        }
        throw new AssertionError("unterminated record item at " + from);
    }

    @Test
    void fileIdComponentsFollowPs310() {
        DicomDirBuilder b = new DicomDirBuilder("X");
        assertThatThrownBy(() -> b.add(new String[] {"dicom"}, new Attributes(), new Attributes()))
                .hasMessageContaining("A-Z");
        assertThatThrownBy(() -> b.add(new String[] {"TOOLONGNAME"}, new Attributes(), new Attributes()))
                .hasMessageContaining("1-8");
    }

    @Test
    @Tag("interop")
    void dcmtkAndDciodvfyReadTheDirectory() throws Exception {
        Peers.require("dcmdump", "dciodvfy");
        Path dicomdir = fileSet();
        Peers.Result dump = Peers.run(dir, 60, "dcmdump", dicomdir.toString());
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(dump.output())
                .contains("\"Directory Record\" PATIENT")
                .contains("\"Directory Record\" SERIES")
                .contains("\"Directory Record\" IMAGE")
                .contains("\"Directory Record\" SR DOCUMENT")
                .doesNotContain("PRIVATE")
                .doesNotContain("E: ");
        Peers.Result v = Peers.run(dir, 60, "dciodvfy", dicomdir.toString());
        assertThat(v.output().lines().filter(l -> l.startsWith("Error")))
                .as(v.output())
                .isEmpty();
    }
}
