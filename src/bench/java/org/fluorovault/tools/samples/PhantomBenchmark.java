package org.fluorovault.tools.samples;

import java.util.Arrays;
import org.fluorovault.dicom.image.JpegLosslessEncoder;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;
import org.fluorovault.tools.samples.LumbarPhantom.View;

/**
 * Times the phantom (512 x 512 x 30, each view) and the JPEG lossless encoder on its frames.
 * Not a test: run it by hand and record the result in docs/benchmarks.md.
 *
 * <pre>java -cp target/classes:target/test-classes org.fluorovault.tools.samples.PhantomBenchmark</pre>
 */
public final class PhantomBenchmark {
    private PhantomBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.printf(
                "java %s, %d processors%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (View view : View.values()) {
            LumbarPhantom p = LumbarPhantom.builder()
                    .view(view)
                    .size(512)
                    .frames(30)
                    .contrast(Contrast.EPIDURAL)
                    .build();
            for (int i = 0; i < 3; i++) p.render(); // warm-up
            long[] ms = new long[rounds];
            PhantomRun run = null;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                run = p.render();
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "LumbarPhantom %s 512x512x30: median %d ms, max %d ms over %d runs%n",
                    view, ms[rounds / 2], ms[rounds - 1], rounds);

            JpegLosslessEncoder encoder = new JpegLosslessEncoder(LumbarPhantom.BITS_STORED);
            long bytes = 0, t0 = System.nanoTime();
            for (short[] f : run.frames()) bytes += encoder.encode(f, 512, 512).length;
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "JpegLosslessEncoder %s 30 frames: %.0f ms, %.1f Mpixel/s, ratio %.2f:1%n",
                    view, s * 1000, 30 * 512 * 512 / s / 1e6, 30 * 512 * 512 * 2.0 / bytes);
        }
    }
}
