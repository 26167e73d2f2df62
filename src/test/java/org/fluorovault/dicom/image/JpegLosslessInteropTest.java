package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.support.Peers;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The own JPEG lossless decoder against dcmtk: files compressed by {@code dcmcjpeg} (IJG's lossless
 * codec) decode to exactly what {@code dcmdjpeg} makes of them, and dcmdjpeg decodes our encoder's
 * restart intervals to exactly what our decoder gives.
 */
@org.junit.jupiter.api.Tag("interop")
class JpegLosslessInteropTest {
    private static final int FRAMES = 4;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} bits, {1}, dcmcjpeg {2}")
    @CsvSource({
        "8,MONOCHROME2,+e1",
        "12,MONOCHROME2,+e1",
        "16,MONOCHROME2,+e1",
        "12,MONOCHROME1,+e1",
        "8,MONOCHROME1,+el +sv 4",
        "12,MONOCHROME2,+el +sv 1",
        "12,MONOCHROME2,+el +sv 2",
        "12,MONOCHROME2,+el +sv 3",
        "12,MONOCHROME2,+el +sv 4",
        "12,MONOCHROME2,+el +sv 5",
        "12,MONOCHROME2,+el +sv 6",
        "12,MONOCHROME2,+el +sv 7",
        "16,MONOCHROME1,+el +sv 6",
        "16,MONOCHROME2,+el +sv 7",
        "12,MONOCHROME2,+el +sv 6 +pt 2",
        "16,MONOCHROME2,+el +sv 1 +pt 3",
        "8,MONOCHROME2,+el +sv 5 +pt 1"
    })
    void dcmcjpegFramesDecodeToWhatDcmdjpegMakesOfThem(int bits, String photometric, String options) throws Exception {
        Peers.require("dcmcjpeg", "dcmdjpeg");
        int columns = 61, rows = 37;
        Path nat = TestDicom.write(
                tmp.resolve("native.dcm"), grayscale(bits, photometric, columns, rows), "1.2.840.10008.1.2.1");
        Path jpeg = tmp.resolve("jpeg.dcm");
        List<String> cmd = new ArrayList<>(List.of("dcmcjpeg"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of(nat.toString(), jpeg.toString()));
        Peers.Result r = Peers.run(tmp, 60, cmd);
        assertEquals(0, r.exitCode(), r.output());
        String expectedTs = options.equals("+e1") ? "1.2.840.10008.1.2.4.70" : "1.2.840.10008.1.2.4.57";
        FrameSource ours = FrameSource.open(jpeg);
        assertEquals(expectedTs, ours.transferSyntaxUid());
        FrameSource dcmtk = FrameSource.open(dcmdjpeg(jpeg));
        assertEquals(FRAMES, ours.frameCount());
        for (int f = 0; f < FRAMES; f++) {
            assertArrayEquals(dcmtk.frame(f).values(), ours.frame(f).values(), "frame " + (f + 1));
        }
        if (!options.contains("+pt")) { // lossless: the original samples come back
            FrameSource original = FrameSource.open(nat);
            for (int f = 0; f < FRAMES; f++)
                assertArrayEquals(original.frame(f).values(), ours.frame(f).values());
        }
        if (bits == 8 || bits == 12 || bits == 16) { // the precisions TwelveMonkeys decodes
            byte[] first = compressedFrame(jpeg, 0);
            assertArrayEquals(
                    JpegDecoder.decode(first, new PixelFormat(rows, columns, 1, 16, 16, false, false)),
                    JpegLosslessDecoder.decode(first).samples(),
                    "against TwelveMonkeys");
        }
    }

    @ParameterizedTest(name = "{0} bits, predictor {1}, point transform {2}, restart every {3} lines")
    @CsvSource({"12,1,0,1", "12,4,0,5", "16,6,0,8", "12,7,2,3", "8,5,0,2", "16,2,0,4"})
    void dcmdjpegDecodesOurRestartIntervalsAsWeDo(int bits, int predictor, int pt, int restartLines) throws Exception {
        Peers.require("dcmdjpeg");
        int columns = 45, rows = 29;
        Attributes a = grayscale(bits, "MONOCHROME2", columns, rows);
        JpegLosslessEncoder encoder = new JpegLosslessEncoder(bits, predictor, pt, restartLines);
        List<byte[]> jpegs = new ArrayList<>();
        for (short[] f : JpegLosslessEncoderTest.frames(bits, columns, rows, FRAMES, bits * 7L + predictor)) {
            jpegs.add(encoder.encode(f, columns, rows));
        }
        a.put(Tag.PixelData, VR.OB, Encapsulation.oneFragmentPerFrame(jpegs));
        Path jpeg = TestDicom.write(tmp.resolve("restart.dcm"), a, encoder.transferSyntaxUid());
        FrameSource ours = FrameSource.open(jpeg), dcmtk = FrameSource.open(dcmdjpeg(jpeg));
        for (int f = 0; f < FRAMES; f++)
            assertArrayEquals(dcmtk.frame(f).values(), ours.frame(f).values(), "frame " + (f + 1));
    }

    @Test
    void threeInterleavedComponentsFromDcmcjpeg() throws Exception {
        Peers.require("dcmcjpeg");
        int columns = 23, rows = 17;
        Attributes a = TestDicom.xa("RGB", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, rows);
        a.setInt(Tags.Columns, VR.US, columns);
        a.setInt(Tags.SamplesPerPixel, VR.US, 3);
        a.setString(Tags.PhotometricInterpretation, VR.CS, "RGB");
        a.setInt(Tags.PlanarConfiguration, VR.US, 0);
        a.setInt(Tags.BitsAllocated, VR.US, 8);
        a.setInt(Tags.BitsStored, VR.US, 8);
        a.setInt(Tags.HighBit, VR.US, 7);
        byte[] rgb = new byte[columns * rows * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (i % 3 == 0 ? i * 5 : i % 3 == 1 ? 255 - i : (i * i) >> 3);
        a.setBytes(Tag.PixelData, VR.OB, rgb);
        Path nat = TestDicom.write(tmp.resolve("rgb.dcm"), a, "1.2.840.10008.1.2.1");
        Path jpeg = tmp.resolve("rgb-jpeg.dcm");
        Peers.Result r = Peers.run(tmp, 60, "dcmcjpeg", "+e1", nat.toString(), jpeg.toString());
        assertEquals(0, r.exitCode(), r.output());
        JpegLosslessDecoder.Image img = JpegLosslessDecoder.decode(compressedFrame(jpeg, 0));
        assertEquals(3, img.components());
        int[] expected = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) expected[i] = rgb[i] & 0xff;
        assertArrayEquals(expected, img.samples());
    }

    /** Frames of every difference category, MONOCHROME1 or 2, as a native multi-frame XA object. */
    private static Attributes grayscale(int bits, String photometric, int columns, int rows) {
        Attributes a = TestDicom.xa("JLL", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), FRAMES, rows);
        a.setInt(Tags.Columns, VR.US, columns);
        a.setString(Tags.PhotometricInterpretation, VR.CS, photometric);
        int allocated = bits <= 8 ? 8 : 16;
        a.setInt(Tags.BitsAllocated, VR.US, allocated);
        a.setInt(Tags.BitsStored, VR.US, bits);
        a.setInt(Tags.HighBit, VR.US, bits - 1);
        List<short[]> frames = JpegLosslessEncoderTest.frames(bits, columns, rows, FRAMES, bits * 13L + columns);
        int n = columns * rows;
        byte[] px = new byte[FRAMES * n * allocated / 8];
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < n; i++) {
                int v = frames.get(f)[i] & 0xFFFF, k = f * n + i;
                if (allocated == 8) {
                    px[k] = (byte) v;
                } else {
                    px[2 * k] = (byte) v;
                    px[2 * k + 1] = (byte) (v >> 8);
                }
            }
        }
        a.setBytes(Tag.PixelData, allocated == 8 ? VR.OB : VR.OW, px);
        return a;
    }

    private Path dcmdjpeg(Path jpeg) throws Exception {
        Path out = tmp.resolve("dcmdjpeg-" + jpeg.getFileName());
        Peers.Result r = Peers.run(tmp, 60, "dcmdjpeg", "+te", jpeg.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.output());
        return out;
    }

    /** The bytes of one frame of a file written with one fragment per frame. */
    private static byte[] compressedFrame(Path file, int index) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DicomReader r = new DicomReader(in, file)) {
            Fragments f =
                    (Fragments) r.readFile(new Attributes()).get(Tag.PixelData).value();
            assertTrue(f.size() > index + 1, "one fragment per frame");
            return (byte[]) f.items().get(index + 1);
        }
    }
}
