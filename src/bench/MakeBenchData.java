import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;

/**
 * Benchmark data: N multi-frame XA objects of ROWSxCOLSxFRAMES 16-bit pixels, in one study, or
 * spread over STUDIES studies (consecutive objects share a study) of PATIENTS patients PREFIX0...
 * Usage: java -cp target/classes src/bench/MakeBenchData.java OUTDIR COUNT SIZE FRAMES [STUDIES PREFIX PATIENTS]
 * Pixel data is written frame by frame so a 2 GB object needs no 2 GB of heap.
 */
public class MakeBenchData {
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]), size = Integer.parseInt(args[2]), frames = Integer.parseInt(args[3]);
        String root = "1.2.826.0.1.3680043.10.1443.3." + (System.currentTimeMillis() % 100000000L);
        int studies = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String prefix = args.length > 5 ? args[5] : "BENCH-";
        int patients = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        int perStudy = (count + studies - 1) / studies;
        Random rnd = new Random(1);
        byte[] frame = new byte[size * size * 2];
        for (int i = 0; i < frame.length; i += 2) {
            int v = 1000 + rnd.nextInt(2000);
            frame[i] = (byte) v;
            frame[i + 1] = (byte) (v >> 8);
        }
        long frameBytes = (long) size * size * 2, pixelBytes = frameBytes * frames;
        for (int n = 1; n <= count; n++) {
            String iuid = root + ".3." + n;
            int s = (n - 1) / perStudy;
            String study = root + ".1." + s, series = root + ".2." + s;
            Attributes a = new Attributes();
            a.setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "SINGLE PLANE");
            a.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.12.1");
            a.setString(Tags.SOPInstanceUID, VR.UI, iuid);
            a.setString(Tags.StudyDate, VR.DA, "20261126");
            a.setString(Tags.StudyTime, VR.TM, "101500");
            a.setString(Tags.AccessionNumber, VR.SH, "A" + s);
            a.setString(Tags.StudyDescription, VR.LO, "Lumbar epidural injection");
            a.setString(Tags.Modality, VR.CS, "XA");
            a.setString(Tags.PatientName, VR.PN, "BENCH^MARK");
            a.setString(Tags.PatientID, VR.LO, prefix + (studies == 1 ? 1 : s % patients));
            a.setString(Tags.StudyInstanceUID, VR.UI, study);
            a.setString(Tags.SeriesInstanceUID, VR.UI, series);
            a.setString(Tags.InstanceNumber, VR.IS, Integer.toString(n));
            a.setString(Tags.NumberOfFrames, VR.IS, Integer.toString(frames));
            a.setString(Tags.FrameTime, VR.DS, "66.7");
            a.setInt(Tags.FrameIncrementPointer, VR.AT, Tags.FrameTime);
            a.setInt(Tags.SamplesPerPixel, VR.US, 1);
            a.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            a.setInt(Tags.Rows, VR.US, size);
            a.setInt(Tags.Columns, VR.US, size);
            a.setInt(Tags.BitsAllocated, VR.US, 16);
            a.setInt(Tags.BitsStored, VR.US, 12);
            a.setInt(Tags.HighBit, VR.US, 11);
            a.setInt(Tags.PixelRepresentation, VR.US, 0);
            Path f = out.resolve(String.format("xa-%06d.dcm", n));
            try (var os = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
                DicomWriter w = new DicomWriter(os);
                w.writeFile(FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.12.1", iuid, "1.2.840.10008.1.2.1",
                        "1.2.826.0.1.3680043.10.1443.1.1", "FV_BENCH", null), a);
                w.flush();
                // (7FE0,0010) OW, then the frames streamed
                os.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0,
                        (byte) pixelBytes, (byte) (pixelBytes >> 8), (byte) (pixelBytes >> 16), (byte) (pixelBytes >> 24)});
                for (int k = 0; k < frames; k++) os.write(frame);
            }
        }
    }
}
