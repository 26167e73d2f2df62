package org.fluorovault.tools.samples;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;

/**
 * Turns a {@link LumbarPhantom}'s settings into frames: static anatomy once, then per frame the
 * contrast at that time, the patient's translation (bilinear resampling), log-domain display
 * mapping and quantum noise that grows with attenuation.
 */
final class PhantomRenderer {
    /** Pixel value of zero attenuation, and value per unit of attenuation (line integral). */
    private static final double OFFSET = 420, GAIN = 1050;
    /** Attenuation of contrast of density 1 (a fully opacified epidural band). */
    private static final double CONTRAST_ATTENUATION = 0.75;
    /** Steps per attenuation unit of the noise table, and its range. */
    private static final int NOISE_STEPS = 32, NOISE_MAX = 8 * NOISE_STEPS;

    private PhantomRenderer() {}

    static PhantomRun render(LumbarPhantom p) {
        int n = p.size(), frames = p.frames();
        int m = (int) Math.ceil(p.motion()) + 2;
        SpineAnatomy an = new SpineAnatomy(p.view(), n, m, p.seed()).draw();
        boolean withContrast = p.contrast() != Contrast.NONE;
        ContrastSpread contrast = withContrast
                ? ContrastSpread.build(an, p.contrast(), frames, p.contrastOnset(), p.seed())
                : ContrastSpread.none();
        double[][] shifts = motionPath(frames, p.motion(), p.seed());
        float[] sigma = noiseTable(p.noise());
        int w = an.attenuation.width;
        float[] still = an.attenuation.v;
        float[] scratch = new float[still.length];
        boolean invert = p.photometric() == LumbarPhantom.Photometric.MONOCHROME1;

        List<short[]> images = new ArrayList<>(frames);
        List<GroundTruth.FrameTruth> truths = new ArrayList<>(frames);
        List<BitSet> masks = new ArrayList<>(frames);
        SplitMix noise = new SplitMix(p.seed() * 0x9E3779B97F4A7C15L + 12345);
        for (int f = 0; f < frames; f++) {
            double sx = shifts[f][0], sy = shifts[f][1];
            int rx = (int) Math.floor(sx + 0.5), ry = (int) Math.floor(sy + 0.5);
            System.arraycopy(still, 0, scratch, 0, still.length);
            BitSet mask = new BitSet(n * n);
            int area = 0, top = -1, bottom = -1;
            double t = f - p.contrastOnset() + 1;
            if (withContrast && t > 0) {
                for (int i = 0; i < contrast.index.length; i++) {
                    double c = contrast.density(i, t);
                    if (c <= 0) continue;
                    int k = contrast.index[i];
                    scratch[k] += (float) (CONTRAST_ATTENUATION * c);
                    if (c < GroundTruth.MASK_THRESHOLD) continue;
                    int col = k % w - m + rx, row = k / w - m + ry;
                    if (col < 0 || row < 0 || col >= n || row >= n) continue;
                    mask.set(row * n + col);
                    area++;
                    if (top < 0 || row < top) top = row;
                    if (row > bottom) bottom = row;
                }
            }
            images.add(project(scratch, w, n, m - sx, m - sy, sigma, noise, invert));
            truths.add(new GroundTruth.FrameTruth(f, an.tipX - m + sx, an.tipY - m + sy, sx, sy, area, top, bottom));
            masks.add(mask);
        }
        int onset = withContrast ? p.contrastOnset() : -1;
        GroundTruth truth = new GroundTruth(p.contrast(), onset, an.len(SpineAnatomy.PITCH), n, truths, masks);
        return new PhantomRun(p, images, truth);
    }

    /** Samples the raster at (x + ox, y + oy), maps attenuation to 12-bit values and adds noise. */
    private static short[] project(
            float[] a, int w, int n, double ox, double oy, float[] sigma, SplitMix noise, boolean invert) {
        short[] out = new short[n * n];
        int ix = (int) Math.floor(ox), iy = (int) Math.floor(oy);
        float fx = (float) (ox - ix), fy = (float) (oy - iy);
        float w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        for (int y = 0; y < n; y++) {
            int row = (y + iy) * w + ix;
            for (int x = 0; x < n; x++) {
                int k = row + x;
                float att = w00 * a[k] + w10 * a[k + 1] + w01 * a[k + w] + w11 * a[k + w + 1];
                int s = (int) (att * NOISE_STEPS);
                double v = OFFSET + GAIN * att + sigma[s < 0 ? 0 : Math.min(s, NOISE_MAX)] * noise.nextGaussian();
                int q = (int) Math.floor(v + 0.5);
                q = q < 0 ? 0 : Math.min(q, LumbarPhantom.MAX_VALUE);
                out[y * n + x] = (short) (invert ? LumbarPhantom.MAX_VALUE - q : q);
            }
        }
        return out;
    }

    /**
     * Quantum noise in the log domain: its standard deviation grows as fewer photons pass,
     * roughly with exp(attenuation / 2), relative to mid attenuation (1.2).
     */
    private static float[] noiseTable(double sd) {
        float[] t = new float[NOISE_MAX + 1];
        for (int i = 0; i <= NOISE_MAX; i++) {
            double att = (double) i / NOISE_STEPS;
            double factor = Math.max(0.5, Math.min(3.0, StrictMath.exp(0.5 * (att - 1.2))));
            t[i] = (float) (sd * LumbarPhantom.MAX_VALUE * factor);
        }
        return t;
    }

    /** Per-frame translation (columns, rows): a slow drift plus breathing, scaled so its largest size is {@code peak}. */
    static double[][] motionPath(int frames, double peak, long seed) {
        double[][] s = new double[frames][2];
        if (peak == 0 || frames < 2) return s;
        SplitMix rnd = new SplitMix(seed ^ 0x0D1F7L);
        double angle = 2 * Math.PI * rnd.nextDouble(), phase = 2 * Math.PI * rnd.nextDouble();
        double dx = StrictMath.cos(angle), dy = StrictMath.sin(angle);
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double progress = Raster.smooth((double) f / (frames - 1));
            double breath = StrictMath.sin(2 * Math.PI * f / 40 + phase) - StrictMath.sin(phase);
            s[f][0] = 0.8 * progress * dx + 0.1 * breath;
            s[f][1] = 0.8 * progress * dy + 0.35 * breath;
            max = Math.max(max, Math.sqrt(s[f][0] * s[f][0] + s[f][1] * s[f][1]));
        }
        if (max > 0)
            for (double[] v : s) {
                v[0] *= peak / max;
                v[1] *= peak / max;
            }
        return s;
    }
}
