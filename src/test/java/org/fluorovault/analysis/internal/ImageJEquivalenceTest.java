package org.fluorovault.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Arrays;
import java.util.Random;
import org.fluorovault.dicom.image.Frame;
import org.fluorovault.dicom.image.PixelFormat;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the analysis give exactly what the ImageJ operations they replace gave
 * (contrast-1.1 results must not change): binning, bilinear translation, the median by selection.
 */
class ImageJEquivalenceTest {
    private final Random rnd = new Random(42);

    @Test
    void binningMatchesImageJsShortProcessorBin() {
        for (int bin : new int[] {1, 2, 3, 4}) {
            for (boolean mono1 : new boolean[] {false, true}) {
                for (boolean signed : new boolean[] {false, true}) {
                    int cols = 37 + rnd.nextInt(30), rows = 29 + rnd.nextInt(30);
                    PixelFormat fmt = new PixelFormat(rows, cols, 1, 16, signed ? 12 : 16, signed, mono1);
                    int[] v = new int[cols * rows];
                    // values beyond the stored range too, to check the clamping
                    for (int i = 0; i < v.length; i++)
                        v[i] = fmt.minValue() - 50 + rnd.nextInt(fmt.maxValue() - fmt.minValue() + 100);
                    short[] px = new short[v.length];
                    for (int i = 0; i < v.length; i++) {
                        int s = Math.min(fmt.maxValue(), Math.max(fmt.minValue(), v[i]));
                        px[i] = (short) (mono1 ? fmt.maxValue() - s : s - fmt.minValue());
                    }
                    ShortProcessor sp = new ShortProcessor(cols, rows, px, null);
                    short[] want = (short[]) (bin == 1 ? sp : sp.bin(bin)).getPixels();
                    assertArrayEquals(
                            want,
                            RunStack.binned(new Frame(0, cols, rows, v), fmt, bin),
                            "bin " + bin + ", MONOCHROME1 " + mono1 + ", signed " + signed);
                }
            }
        }
    }

    @Test
    void alignMatchesImageJsBilinearTranslate() {
        int w = 64, h = 48;
        for (int round = 0; round < 40; round++) {
            float[] p = new float[w * h];
            for (int i = 0; i < p.length; i++) p[i] = rnd.nextFloat() * 4000;
            double dx = round < 8 ? rnd.nextInt(7) - 3 : (rnd.nextDouble() - 0.5) * 7;
            double dy = round < 8 ? rnd.nextInt(7) - 3 : (rnd.nextDouble() - 0.5) * 7;
            if (round == 8) dx = 1.0; // one whole, one fractional
            FloatProcessor ij = new FloatProcessor(w, h, p.clone());
            ij.setInterpolationMethod(ImageProcessor.BILINEAR);
            ij.setBackgroundValue(0);
            ij.translate(-dx, -dy);
            float[] got = (float[]) Registration.align(new FloatProcessor(w, h, p.clone()), new double[] {dx, dy})
                    .getPixels();
            assertArrayEquals((float[]) ij.getPixels(), got, 0f, "shift " + dx + ", " + dy);
        }
    }

    @Test
    void selectionGivesTheSortedElement() {
        for (int n : new int[] {1, 2, 3, 10, 1001, 60000}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = rnd.nextInt(5) == 0 ? 7f : Math.abs((float) rnd.nextGaussian() * 30);
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            for (int k : new int[] {0, n / 2, n - 1})
                assertEquals(sorted[k], ContrastAnalyzer.select(v.clone(), k), "n " + n + ", k " + k);
        }
    }
}
