package org.fluorovault.analysis.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.image.Encapsulation;
import org.fluorovault.dicom.image.Frame;
import org.fluorovault.dicom.image.FrameRenderer;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.image.JpegLosslessEncoder;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom;
import org.fluorovault.tools.samples.PhantomRun;

/**
 * Times decoding, rendering and analysis of 30-frame epidural phantom runs stored on disk,
 * native and JPEG lossless (.70), 512 x 512 and 1024 x 1024 unless other sizes are given after the
 * number of rounds. Not a test: run it by hand, record in docs/benchmarks.md.
 *
 * <pre>java -Djava.awt.headless=true -cp target/classes:target/test-classes:$(cat cp.txt) org.fluorovault.analysis.internal.AnalysisBenchmark 5 512 1024</pre>
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {512, 1024};
        System.out.printf(
                "java %s, %d processors%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("fv-analysis-bench");
        for (int size : sizes) {
            for (Path file : files(dir, size)) time(file, size, rounds);
        }
        outline();
        System.exit(0); // ImageJ's filters leave non-daemon pool threads behind
    }

    /** The size x size x 30 epidural phantom as native (explicit VR LE) and JPEG lossless (.70) files. */
    private static List<Path> files(Path dir, int size) throws Exception {
        PhantomRun run = LumbarPhantom.builder().size(size).frames(30).build().render();
        Attributes a = PhantomCase.source(run).attributes();
        Path nat = TestDicom.write(dir.resolve("native-" + size + ".dcm"), a, "1.2.840.10008.1.2.1");
        JpegLosslessEncoder enc = new JpegLosslessEncoder(12);
        List<byte[]> jpegs = new ArrayList<>();
        for (short[] f : run.frames()) jpegs.add(enc.encode(f, size, size));
        a.put(Tag.PixelData, VR.OB, Encapsulation.oneFragmentPerFrame(jpegs));
        Path jll = TestDicom.write(dir.resolve("jpegll-" + size + ".dcm"), a, "1.2.840.10008.1.2.4.70");
        return List.of(nat, jll);
    }

    private static void time(Path file, int size, int rounds) throws Exception {
        long[] decode = new long[rounds], render = new long[rounds], analyse = new long[rounds];
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long t0 = System.nanoTime();
            FrameSource src = FrameSource.open(file);
            Frame last = null;
            for (int i = 0; i < src.frameCount(); i++) last = src.frame(i);
            long t1 = System.nanoTime();
            FrameRenderer.png(FrameRenderer.render(src.attributes(), src.format(), last, null));
            long t2 = System.nanoTime();
            ContrastAnalyzer.analyse(FrameSource.open(file));
            long t3 = System.nanoTime();
            if (r >= 0) {
                decode[r] = (t1 - t0) / 1_000_000;
                render[r] = (t2 - t1) / 1_000_000;
                analyse[r] = (t3 - t2) / 1_000_000;
            }
        }
        System.out.printf(
                "%s (%d x %d x 30): decode 30 frames median %d ms; render one frame to PNG median %d ms;"
                        + " analysis incl. decoding median %d ms (max %d) over %d rounds%n",
                file.getFileName(),
                size,
                size,
                median(decode),
                median(render),
                median(analyse),
                Arrays.stream(analyse).max().orElse(0),
                rounds);
    }

    /** The outline step alone (contrast-1.1): a ragged 50 x 140 region on the 256 x 256 working image. */
    private static void outline() {
        int w = 256, h = 256;
        byte[] region = new byte[w * h];
        java.util.Random rnd = new java.util.Random(1);
        for (int y = 60; y < 200; y++)
            for (int x = 100; x < 150; x++) if (rnd.nextDouble() < 0.85) region[y * w + x] = 1;
        long[] t = new long[200];
        for (int i = -50; i < t.length; i++) {
            long t0 = System.nanoTime();
            RegionOutline.of(region, w, h, 2);
            if (i >= 0) t[i] = (System.nanoTime() - t0) / 1_000;
        }
        System.out.printf("region outline: median %d us over %d rounds%n", median(t), t.length);
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
