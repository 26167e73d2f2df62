package org.fluorovault.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;

/** Small synthetic XA objects for tests. */
public final class TestDicom {
    public static final String XA = "1.2.840.10008.5.1.4.1.1.12.1";
    private static final AtomicLong SEQ = new AtomicLong();
    /** Five digits for the first 40,000 calls; the start is random so that a rerun does not repeat the last one's. */
    private static final AtomicInteger SHORT =
            new AtomicInteger(10_000 + ThreadLocalRandom.current().nextInt(50_000));

    private TestDicom() {}

    /**
     * A short number that no other call in this test JVM returns, for patient IDs, accession numbers and user names of
     * tests that share one database (a counter: two tests cannot collide, as they could with the clock).
     */
    public static String unique() {
        return Integer.toString(SHORT.getAndIncrement());
    }

    public static String uid() {
        return "2.25." + Math.abs(java.util.UUID.randomUUID().getMostSignificantBits()) + "." + SEQ.incrementAndGet();
    }

    public static Attributes xa(
            String patientId, String studyUid, String seriesUid, String iuid, int frames, int size) {
        Attributes a = new Attributes();
        a.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "SINGLE PLANE");
        a.setString(Tags.SOPClassUID, VR.UI, XA);
        a.setString(Tags.SOPInstanceUID, VR.UI, iuid);
        a.setString(Tags.StudyDate, VR.DA, "20261126");
        a.setString(Tags.StudyTime, VR.TM, "101500");
        a.setString(Tags.AccessionNumber, VR.SH, "A" + patientId);
        a.setString(Tags.Modality, VR.CS, "XA");
        a.setString(Tags.Manufacturer, VR.LO, "FluoroVault Test");
        a.setString(Tags.ReferringPhysicianName, VR.PN, "");
        a.setString(Tags.StationName, VR.SH, "CARM1");
        a.setString(Tags.StudyDescription, VR.LO, "Lumbar epidural injection");
        a.setString(Tags.PatientName, VR.PN, "Test^Patient");
        a.setString(Tags.PatientID, VR.LO, patientId);
        a.setString(Tags.PatientBirthDate, VR.DA, "19600101");
        a.setString(Tags.PatientSex, VR.CS, "F");
        a.setString(Tags.FrameTime, VR.DS, "66.7");
        a.setString(Tags.ImagerPixelSpacing, VR.DS, "0.3", "0.3");
        a.setString(Tags.DistanceSourceToDetector, VR.DS, "1000");
        a.setString(Tags.DistanceSourceToPatient, VR.DS, "750");
        a.setString(Tags.PositionerPrimaryAngle, VR.DS, "0");
        a.setString(Tags.PositionerSecondaryAngle, VR.DS, "0");
        a.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        a.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        a.setString(Tags.StudyID, VR.SH, "1");
        a.setString(Tags.SeriesNumber, VR.IS, "1");
        a.setString(Tags.InstanceNumber, VR.IS, "1");
        a.setString(Tags.NumberOfFrames, VR.IS, Integer.toString(frames));
        a.setInt(Tags.FrameIncrementPointer, VR.AT, Tags.FrameTime);
        a.setInt(Tags.SamplesPerPixel, VR.US, 1);
        a.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tags.Rows, VR.US, size);
        a.setInt(Tags.Columns, VR.US, size);
        a.setInt(Tags.BitsAllocated, VR.US, 16);
        a.setInt(Tags.BitsStored, VR.US, 12);
        a.setInt(Tags.HighBit, VR.US, 11);
        a.setInt(Tags.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[frames * size * size * 2];
        for (int i = 0; i < px.length / 2; i++) {
            int v = (i * 7 + i / size) & 0x0fff;
            px[2 * i] = (byte) v;
            px[2 * i + 1] = (byte) (v >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    public static Path write(Path file, Attributes ds, String tsuid) throws IOException {
        Files.createDirectories(file.getParent());
        Attributes fmi = FileMetaInformation.create(
                ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID),
                tsuid,
                "1.2.826.0.1.3680043.10.1443.9",
                "FV_TEST",
                null);
        try (DicomWriter w = new DicomWriter(Files.newOutputStream(file))) {
            w.writeFile(fmi, ds);
        }
        return file;
    }

    public static Path writeXa(Path dir, String patientId, String studyUid, int frames, int size) throws IOException {
        String iuid = uid();
        return write(
                dir.resolve(iuid + ".dcm"),
                xa(patientId, studyUid, uid(), iuid, frames, size),
                TransferSyntax.EXPLICIT_VR_LE);
    }

    /** A 12-frame 512x512 phantom run (0.6 mm detector pixels) with the given contrast, written as XA. */
    public static Path phantomXa(
            Path dir,
            String patientId,
            String studyUid,
            String uid,
            org.fluorovault.tools.samples.LumbarPhantom.Contrast contrast)
            throws IOException {
        return phantomXa(
                dir,
                patientId,
                studyUid,
                uid,
                org.fluorovault.tools.samples.LumbarPhantom.builder()
                        .size(512)
                        .frames(12)
                        .contrast(contrast)
                        .seed(5)
                        .build());
    }

    /**
     * A run of the lumbar phantom (spine, needle, contrast spread) as an XA file in {@code dir}, with
     * 0.6 mm Imager Pixel Spacing.
     */
    public static Path phantomXa(
            Path dir,
            String patientId,
            String studyUid,
            String iuid,
            org.fluorovault.tools.samples.LumbarPhantom phantom)
            throws IOException {
        org.fluorovault.tools.samples.PhantomRun run = phantom.render();
        Attributes a = xa(patientId, studyUid, uid(), iuid, run.frameCount(), run.rows());
        a.setString(Tags.ImagerPixelSpacing, VR.DS, "0.6", "0.6");
        short[] all = run.concatenated();
        byte[] px = new byte[all.length * 2];
        for (int i = 0; i < all.length; i++) {
            px[2 * i] = (byte) all[i];
            px[2 * i + 1] = (byte) (all[i] >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return write(dir.resolve(iuid + ".dcm"), a, TransferSyntax.EXPLICIT_VR_LE);
    }

    /** The SOP Instance UID of a Part-10 file. */
    public static String datasetUid(Path file) throws IOException {
        try (var in = java.nio.file.Files.newInputStream(file);
                var r = new org.fluorovault.dicom.io.DicomReader(in, file)) {
            return r.readFile(new Attributes()).getString(Tags.SOPInstanceUID);
        }
    }

    /** The data set of a Part-10 file as it goes on the wire: the bytes after the file meta information. */
    public static byte[] datasetBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(
                all, (int) org.fluorovault.tools.DicomFileInfo.of(file).datasetOffset(), all.length);
    }
}
