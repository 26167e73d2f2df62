package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.support.Peers;
import org.fluorovault.tools.samples.LumbarPhantom.Photometric;
import org.fluorovault.tools.samples.PhantomRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phantom frames encoded by dcmtk, decoded by the pipeline and compared with the originals. */
@Tag("interop")
class DcmtkCodecInteropTest {
    @TempDir
    Path dir;

    private FrameSource encode(Attributes a, String tool, String... options) throws Exception {
        Peers.require(tool);
        Path in = PhantomFiles.write(dir, "in-" + tool + options.length + ".dcm", a);
        Path out = dir.resolve("out-" + tool + String.join("", options) + ".dcm");
        String[] cmd = new String[options.length + 3];
        cmd[0] = tool;
        System.arraycopy(options, 0, cmd, 1, options.length);
        cmd[options.length + 1] = in.toString();
        cmd[options.length + 2] = out.toString();
        Peers.Result r = Peers.run(dir, 60, cmd);
        assertEquals(0, r.exitCode(), r.output());
        return FrameSource.open(out);
    }

    @Test
    void rleLosslessMultiFrame16BitIsExact() throws Exception {
        PhantomRun run = PhantomFiles.run(128, 3, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native16(run), "dcmcrle");
        assertEquals("1.2.840.10008.1.2.5", src.transferSyntaxUid());
        for (int f = 0; f < 3; f++)
            assertArrayEquals(FrameSourceTest.expected(run, f, 0), src.frame(f).values());
    }

    @Test
    void rleLossless8BitIsExact() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 2, Photometric.MONOCHROME1);
        FrameSource src = encode(PhantomFiles.native8(run), "dcmcrle");
        assertArrayEquals(FrameSourceTest.expected(run, 1, 4), src.frame(1).values());
    }

    @Test
    void jpegLosslessSv1Is70AndExact() throws Exception {
        PhantomRun run = PhantomFiles.run(128, 3, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native16(run), "dcmcjpeg", "+e1");
        assertEquals("1.2.840.10008.1.2.4.70", src.transferSyntaxUid());
        for (int f = 0; f < 3; f++)
            assertArrayEquals(FrameSourceTest.expected(run, f, 0), src.frame(f).values());
    }

    @Test
    void jpegLosslessWithSelectionValueIs57AndExact() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 2, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native16(run), "dcmcjpeg", "+el", "+sv", "4");
        assertEquals("1.2.840.10008.1.2.4.57", src.transferSyntaxUid());
        assertArrayEquals(FrameSourceTest.expected(run, 1, 0), src.frame(1).values());
    }

    @Test
    void jpegBaseline8BitIsCloseToTheOriginal() throws Exception {
        PhantomRun run = PhantomFiles.run(128, 2, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native8(run), "dcmcjpeg", "+eb", "+sr", "+q", "95");
        assertEquals("1.2.840.10008.1.2.4.50", src.transferSyntaxUid());
        assertClose(FrameSourceTest.expected(run, 1, 4), src.frame(1).values(), 3.0, 40);
    }

    @Test
    void jpegExtended8BitIsCloseToTheOriginal() throws Exception {
        PhantomRun run = PhantomFiles.run(128, 2, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native8(run), "dcmcjpeg", "+ee", "+sr", "+q", "95");
        assertEquals("1.2.840.10008.1.2.4.51", src.transferSyntaxUid());
        assertClose(FrameSourceTest.expected(run, 1, 4), src.frame(1).values(), 3.0, 40);
    }

    @Test
    void jpegExtended12BitIsATypedUnsupportedAnswer() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 2, Photometric.MONOCHROME2);
        FrameSource src = encode(PhantomFiles.native16(run), "dcmcjpeg", "+ee", "+sr");
        assertEquals("1.2.840.10008.1.2.4.51", src.transferSyntaxUid());
        FrameDecodeException e =
                org.junit.jupiter.api.Assertions.assertThrows(FrameDecodeException.class, () -> src.frame(0));
        assertEquals(FrameDecodeException.Reason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("12-bit"), e.getMessage());
    }

    /** Mean absolute error at most {@code meanMax}, no pixel off by more than {@code absMax}. */
    static void assertClose(int[] want, int[] got, double meanMax, int absMax) {
        assertEquals(want.length, got.length);
        long sum = 0;
        int worst = 0;
        for (int i = 0; i < want.length; i++) {
            int d = Math.abs(want[i] - got[i]);
            sum += d;
            worst = Math.max(worst, d);
        }
        double mean = (double) sum / want.length;
        assertTrue(mean <= meanMax && worst <= absMax, "mean error " + mean + ", worst " + worst);
    }
}
