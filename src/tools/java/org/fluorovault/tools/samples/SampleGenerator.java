package org.fluorovault.tools.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.ElementDictionary;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.image.Encapsulation;
import org.fluorovault.dicom.image.JpegLosslessEncoder;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;
import org.fluorovault.tools.samples.LumbarPhantom.View;

/**
 * Writes the synthetic sample study of {@code dicom-samples/}: one patient, one lumbar
 * interlaminar epidural steroid injection, three instances. Every UID, date and pixel is fixed,
 * so running it again gives byte-identical files.
 *
 * <ul>
 * <li>{@value #AP_FILE}: XA multi-frame, AP, explicit VR little endian;</li>
 * <li>{@value #LATERAL_FILE}: XA multi-frame, lateral, JPEG lossless SV1;</li>
 * <li>{@value #DOSE_FILE}: X-Ray Radiation Dose SR (TID 10001) of the study.</li>
 * </ul>
 */
public final class SampleGenerator {
    public static final String AP_FILE = "lumbar-ap-epidural.dcm";
    public static final String LATERAL_FILE = "lumbar-lateral-epidural-jpegll.dcm";
    public static final String DOSE_FILE = "dose-report.dcm";
    /** The files {@link #generate} writes, in order. */
    public static final List<String> FILES = List.of(AP_FILE, LATERAL_FILE, DOSE_FILE);

    /** Root of every UID of the samples. */
    static final String UID_ROOT = "1.2.826.0.1.3680043.10.1443.2.";

    static final String STUDY_UID = UID_ROOT + "1";
    static final String IMPLEMENTATION_CLASS_UID = UID_ROOT + "0.1";
    static final String IMPLEMENTATION_VERSION = "FV_SAMPLES_1";
    static final String DATE = "20250314";
    private static final double FRAME_TIME_MS = 66.67;
    private static final String MANUFACTURER = "FluoroVault (synthetic)";
    private static final String MODEL = "LumbarPhantom";
    private static final String SERIAL = "FV-SIM-0001";
    private static final String STATION = "CARM-SIM-1";
    private static final String INSTITUTION = "FluoroVault Sample Clinic";
    private static final String SOFTWARE = "FluoroVault samples 1";

    /** One stored run: how it is rendered and described. */
    private record Run(
            String file,
            int series,
            LumbarPhantom phantom,
            double primaryAngle,
            String orientation,
            String seriesTime,
            String description,
            double kvp,
            double tubeCurrentMa,
            String transferSyntax) {}

    private static final Run AP = new Run(
            AP_FILE,
            1,
            LumbarPhantom.builder()
                    .view(View.AP)
                    .frames(8)
                    .contrast(Contrast.EPIDURAL)
                    .contrastOnset(2)
                    .noise(0.005)
                    .motion(1.5)
                    .seed(20250314L)
                    .build(),
            0,
            "L\\F",
            "101803",
            "AP run, contrast",
            78,
            12,
            TransferSyntax.EXPLICIT_VR_LE);
    private static final Run LATERAL = new Run(
            LATERAL_FILE,
            2,
            LumbarPhantom.builder()
                    .view(View.LATERAL)
                    .frames(10)
                    .contrast(Contrast.EPIDURAL)
                    .contrastOnset(3)
                    .noise(0.005)
                    .motion(1.5)
                    .seed(20250315L)
                    .build(),
            90,
            "P\\F",
            "102002",
            "Lateral run, contrast",
            88,
            14,
            JpegLosslessEncoder.TRANSFER_SYNTAX_UID);

    private SampleGenerator() {}

    /** Usage: {@code SampleGenerator <output folder>}; writes the sample files into it. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleGenerator <output folder>   (writes " + String.join(", ", FILES) + ")");
            System.exit(2);
        }
        for (Path p : generate(Paths.get(args[0]))) System.out.println(p + " " + Files.size(p) + " bytes");
    }

    /** Writes the sample files into {@code dir} (created when missing), replacing older ones; returns their paths. */
    public static List<Path> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(write(dir, AP.file(), xa(AP), AP.transferSyntax()));
        written.add(write(dir, LATERAL.file(), xa(LATERAL), LATERAL.transferSyntax()));
        written.add(write(dir, DOSE_FILE, doseReport(), TransferSyntax.EXPLICIT_VR_LE));
        return written;
    }

    /** The phantom settings of the AP run (for tests that compare pixels). */
    static LumbarPhantom apPhantom() {
        return AP.phantom();
    }

    /** The phantom settings of the lateral run. */
    static LumbarPhantom lateralPhantom() {
        return LATERAL.phantom();
    }

    static String seriesUid(int series) {
        return STUDY_UID + "." + series;
    }

    static String instanceUid(int series) {
        return seriesUid(series) + ".1";
    }

    /** Irradiation event UIDs: 1 and 3 fluoroscopy, 2 and 4 the stored AP and lateral runs. */
    static String eventUid(int event) {
        return STUDY_UID + ".4." + event;
    }

    private static Attributes xa(Run run) {
        PhantomRun frames = run.phantom().render();
        LumbarPhantom p = run.phantom();
        Attributes a = new Attributes();
        patientAndStudy(a);
        set(a, Tags.ImageType, "ORIGINAL", "PRIMARY", "SINGLE PLANE");
        set(a, Tags.SOPClassUID, Uids.XRayAngiographicImageStorage);
        set(a, Tags.SOPInstanceUID, instanceUid(run.series()));
        set(a, Tags.InstanceCreationDate, DATE);
        set(a, Tags.InstanceCreationTime, run.seriesTime());
        set(a, Tags.SeriesDate, DATE);
        set(a, Tags.SeriesTime, run.seriesTime());
        set(a, Tags.AcquisitionDateTime, DATE + run.seriesTime());
        set(a, Tags.ContentDate, DATE);
        set(a, Tags.ContentTime, run.seriesTime());
        set(a, Tags.Modality, "XA");
        equipment(a);
        set(a, Tags.SeriesDescription, run.description());
        set(a, Tags.IrradiationEventUID, eventUid(2 * run.series()));
        set(a, Tags.BodyPartExamined, "LSPINE");
        set(a, Tags.ContrastBolusAgent, "Iohexol 240 mgI/mL");
        set(a, Tags.ContrastBolusRoute, "EPIDURAL");
        set(a, Tags.ContrastBolusVolume, "3");
        set(a, Tags.ContrastBolusIngredient, "IODINE");
        set(a, Tags.ContrastBolusIngredientConcentration, "240");
        set(a, Tags.KVP, Attributes.formatDS(run.kvp()));
        set(a, Tags.FrameTime, Attributes.formatDS(FRAME_TIME_MS));
        set(a, Tags.DistanceSourceToDetector, "1000");
        set(a, Tags.DistanceSourceToPatient, "750");
        set(a, Tags.EstimatedRadiographicMagnificationFactor, Attributes.formatDS(1000.0 / 750));
        set(a, Tags.ExposureTime, Integer.toString(7 * p.frames()));
        set(a, Tags.XRayTubeCurrent, Attributes.formatDS(run.tubeCurrentMa()));
        set(a, Tags.RadiationSetting, "GR");
        set(a, Tags.RadiationMode, "PULSED");
        set(a, Tags.AveragePulseWidth, "7");
        set(a, Tags.Grid, "IN");
        set(a, Tags.FocalSpots, "0.6");
        set(a, Tags.ImagerPixelSpacing, "0.6", "0.6");
        set(a, Tags.FieldOfViewShape, "ROUND");
        set(a, Tags.FieldOfViewDimensions, "300");
        set(a, Tags.CineRate, "15");
        set(a, Tags.RecommendedDisplayFrameRate, "15");
        set(a, Tags.PreferredPlaybackSequencing, 0);
        set(a, Tags.PositionerMotion, "STATIC");
        set(a, Tags.PositionerPrimaryAngle, Attributes.formatDS(run.primaryAngle()));
        set(a, Tags.PositionerSecondaryAngle, "0");
        set(a, Tags.SeriesInstanceUID, seriesUid(run.series()));
        set(a, Tags.SeriesNumber, Integer.toString(run.series()));
        set(a, Tags.InstanceNumber, "1");
        set(a, Tags.PatientOrientation, run.orientation().split("\\\\"));
        set(
                a,
                Tags.ImageComments,
                "Synthetic fluoroscopy rendered by FluoroVault LumbarPhantom (" + p.view() + ", " + p.contrast()
                        + ", seed " + p.seed() + "); not patient data.");
        set(a, Tags.SamplesPerPixel, 1);
        set(a, Tags.PhotometricInterpretation, p.photometric().name());
        set(a, Tags.NumberOfFrames, Integer.toString(p.frames()));
        a.setInt(Tags.FrameIncrementPointer, VR.AT, Tags.FrameTime);
        set(a, Tags.Rows, frames.rows());
        set(a, Tags.Columns, frames.columns());
        set(a, Tags.BitsAllocated, 16);
        set(a, Tags.BitsStored, LumbarPhantom.BITS_STORED);
        set(a, Tags.HighBit, LumbarPhantom.BITS_STORED - 1);
        set(a, Tags.PixelRepresentation, 0);
        set(a, Tags.BurnedInAnnotation, "NO");
        set(a, Tags.PixelIntensityRelationship, "DISP");
        int[] window = window(frames.frame(frames.frameCount() - 1));
        set(a, Tags.WindowCenter, Integer.toString(window[0]));
        set(a, Tags.WindowWidth, Integer.toString(window[1]));
        set(a, Tags.LossyImageCompression, "00");
        if (run.transferSyntax().equals(TransferSyntax.EXPLICIT_VR_LE)) {
            a.setBytes(Tag.PixelData, VR.OW, littleEndian(frames.concatenated()));
        } else {
            JpegLosslessEncoder encoder = new JpegLosslessEncoder(LumbarPhantom.BITS_STORED);
            List<byte[]> jpegs = new ArrayList<>();
            for (short[] f : frames.frames()) jpegs.add(encoder.encode(f, frames.columns(), frames.rows()));
            a.put(Tag.PixelData, VR.OB, Encapsulation.oneFragmentPerFrame(jpegs));
        }
        return a;
    }

    private static Attributes doseReport() {
        Attributes a = new Attributes();
        patientAndStudy(a);
        set(a, Tags.SOPClassUID, Uids.XRayRadiationDoseSRStorage);
        set(a, Tags.SOPInstanceUID, instanceUid(3));
        set(a, Tags.InstanceCreationDate, DATE);
        set(a, Tags.InstanceCreationTime, "102130");
        set(a, Tags.SeriesDate, DATE);
        set(a, Tags.SeriesTime, "102130");
        set(a, Tags.ContentDate, DATE);
        set(a, Tags.ContentTime, "102130");
        set(a, Tags.Modality, "SR");
        equipment(a);
        set(a, Tags.SeriesDescription, "Radiation Dose Report");
        set(a, Tags.SeriesInstanceUID, seriesUid(3));
        set(a, Tags.SeriesNumber, "3");
        set(a, Tags.InstanceNumber, "1");
        a.newSequence(Tags.ReferencedPerformedProcedureStepSequence);
        a.newSequence(Tags.PerformedProcedureCodeSequence);
        set(a, Tags.CompletionFlag, "COMPLETE");
        set(a, Tags.VerificationFlag, "UNVERIFIED");
        DoseReport.Device device =
                new DoseReport.Device(UID_ROOT + "9.1", STATION, MANUFACTURER, MODEL, SERIAL, "Procedure room 1");
        List<DoseReport.Event> events = List.of(
                new DoseReport.Event(
                        eventUid(1),
                        DATE + "101712",
                        true,
                        "Lumbar ESI fluoroscopy",
                        0,
                        0,
                        46,
                        2300,
                        77,
                        2.1,
                        8,
                        7.5,
                        234,
                        "31.2",
                        0),
                new DoseReport.Event(
                        eventUid(2),
                        DATE + AP.seriesTime(),
                        false,
                        "Lumbar ESI run",
                        0,
                        0,
                        11,
                        600,
                        AP.kvp(),
                        AP.tubeCurrentMa(),
                        7,
                        15,
                        AP.phantom().frames(),
                        "0.533",
                        AP.phantom().frames()),
                new DoseReport.Event(
                        eventUid(3),
                        DATE + "101851",
                        true,
                        "Lumbar ESI fluoroscopy",
                        90,
                        0,
                        33,
                        1900,
                        86,
                        3.0,
                        8,
                        7.5,
                        95,
                        "12.6",
                        0),
                new DoseReport.Event(
                        eventUid(4),
                        DATE + LATERAL.seriesTime(),
                        false,
                        "Lumbar ESI run",
                        90,
                        0,
                        16,
                        900,
                        LATERAL.kvp(),
                        LATERAL.tubeCurrentMa(),
                        7,
                        15,
                        LATERAL.phantom().frames(),
                        "0.667",
                        LATERAL.phantom().frames()));
        DoseReport.addContent(a, STUDY_UID, device, events);
        return a;
    }

    private static void patientAndStudy(Attributes a) {
        set(a, Tags.PatientName, "SYNTHETIC^LUMBAR");
        set(a, Tags.PatientID, "FV-SAMPLE-001");
        set(a, Tags.PatientBirthDate, "19580607");
        set(a, Tags.PatientSex, "F");
        set(a, Tags.PatientAge, "066Y");
        set(a, Tags.PatientComments, "Synthetic test patient generated by FluoroVault; not a real person.");
        set(a, Tags.StudyInstanceUID, STUDY_UID);
        set(a, Tags.StudyDate, DATE);
        set(a, Tags.StudyTime, "101500");
        set(a, Tags.ReferringPhysicianName, "");
        set(a, Tags.StudyID, "ESI-0001");
        set(a, Tags.AccessionNumber, "FVACC0001");
        set(a, Tags.StudyDescription, "Lumbar interlaminar epidural steroid injection");
    }

    private static void equipment(Attributes a) {
        set(a, Tags.Manufacturer, MANUFACTURER);
        set(a, Tags.InstitutionName, INSTITUTION);
        set(a, Tags.StationName, STATION);
        set(a, Tags.ManufacturerModelName, MODEL);
        set(a, Tags.DeviceSerialNumber, SERIAL);
        set(a, Tags.SoftwareVersions, SOFTWARE);
    }

    /** A window (centre, width) from the 0.5th to the 99.8th percentile of a frame's values. */
    static int[] window(short[] frame) {
        int[] sorted = new int[frame.length];
        for (int i = 0; i < frame.length; i++) sorted[i] = frame[i] & 0xFFFF;
        Arrays.sort(sorted);
        int lo = sorted[frame.length / 200], hi = sorted[frame.length - 1 - frame.length / 500];
        return new int[] {(lo + hi) / 2, Math.max(2, hi - lo)};
    }

    private static byte[] littleEndian(short[] s) {
        byte[] b = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) s[i];
            b[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return b;
    }

    private static void set(Attributes a, int tag, String... values) {
        a.setString(tag, ElementDictionary.vrOf(tag), values);
    }

    private static void set(Attributes a, int tag, int value) {
        a.setInt(tag, VR.US, value);
    }

    private static Path write(Path dir, String name, Attributes ds, String transferSyntax) throws IOException {
        Attributes fmi = FileMetaInformation.create(
                ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID),
                transferSyntax,
                IMPLEMENTATION_CLASS_UID,
                IMPLEMENTATION_VERSION,
                null);
        Path target = dir.resolve(name), part = dir.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(part);
                DicomWriter w = new DicomWriter(out)) {
            w.writeFile(fmi, ds);
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
