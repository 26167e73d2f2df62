package org.fluorovault.analysis.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.TestDicom;

/**
 * Renders a {@link SimCase}: per frame the patient moves (random walk), the contrast fills, the
 * X-ray intensity is counts x gain(frame) x exp(-A) with Poisson-like quantum noise and electronic
 * noise; shutters, the intensifier circle and burned-in text are fixed to the detector. The detected
 * intensity is then written in the family's encoding. Truth comes from the same maps.
 */
final class SimRun {
    /** Ground truth: onset frame (0-based), contrast rows spanned per frame (mm), tip on frame 1 (stored pixels). */
    record Truth(int onsetFrame, double[] extentMm, double tipColumn, double tipRow) {}

    final SimCase c;
    final Truth truth;
    final FrameSource source;

    private SimRun(SimCase c, Truth truth, FrameSource source) {
        this.c = c;
        this.truth = truth;
        this.source = source;
    }

    static SimRun render(SimCase c) throws Exception {
        SimAnatomy an = new SimAnatomy(c);
        Contrast co = new Contrast(c, an, new SplittableRandom(c.seed() * 31 + 7)); // same draws as the anatomy's
        SplittableRandom r = new SplittableRandom(c.seed() * 131 + 17);
        int n = c.matrix(), pad = (int) Math.ceil(c.motionPx()) + 3, g = n + 2 * pad;
        double p = c.pixelMm();
        float[] stat = new float[g * g], dens = new float[g * g], fill = new float[g * g];
        for (int y = 0; y < g; y++) {
            for (int x = 0; x < g; x++) {
                double mx = (x - pad + 0.5) * p, my = (y - pad + 0.5) * p;
                stat[y * g + x] = (float) an.attenuation(mx, my);
                double d = co.density(mx, my);
                dens[y * g + x] = (float) d;
                if (d > 0) fill[y * g + x] = (float) co.fill(mx, my);
            }
        }
        int[] withContrast = java.util.stream.IntStream.range(0, g * g)
                .filter(i -> dens[i] > 0)
                .toArray();
        // detector-fixed: shutters, intensifier circle, text
        float[] fixed = new float[n * n];
        boolean[] text = new boolean[n * n];
        int sh = (int) (c.shutter() * n);
        int left = sh > 0 ? r.nextInt(sh + 1) : 0,
                right = sh > 0 ? r.nextInt(sh + 1) : 0,
                top = sh > 0 ? r.nextInt(sh + 1) : 0,
                bottom = sh > 0 ? r.nextInt(sh + 1) : 0;
        double radius = n * (0.48 + 0.04 * r.nextDouble());
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean out = x < left || x >= n - right || y < top || y >= n - bottom;
                if (c.intensifierCircle() && Math.hypot(x + 0.5 - n / 2.0, y + 0.5 - n / 2.0) > radius) out = true;
                if (out) fixed[y * n + x] = 4.5f;
            }
        }
        if (c.burnedInText()) {
            int ch = Math.max(7, n / 50),
                    cw = ch * 5 / 7,
                    lines = 1 + r.nextInt(3),
                    x0 = n / 40,
                    y0 = r.nextBoolean() ? n / 40 : n - n / 40 - lines * ch * 3 / 2;
            for (int l = 0; l < lines; l++) {
                int chars = 6 + r.nextInt(15);
                for (int k = 0; k < chars; k++) {
                    long glyph = r.nextLong();
                    for (int gy = 0; gy < 7; gy++)
                        for (int gx = 0; gx < 5; gx++) {
                            if ((glyph >>> (gy * 5 + gx) & 1) == 0) continue;
                            for (int yy = gy * ch / 7; yy < (gy + 1) * ch / 7; yy++)
                                for (int xx = gx * cw / 5; xx < (gx + 1) * cw / 5; xx++) {
                                    int X = x0 + k * (cw + cw / 3) + xx, Y = y0 + l * ch * 3 / 2 + yy;
                                    if (X < n && Y >= 0 && Y < n) text[Y * n + X] = true;
                                }
                        }
                }
            }
        }
        double n0 = c.exitCounts() * Math.exp(1.8);
        int frames = c.frames();
        float[][] counts = new float[frames][];
        double[] extent = new double[frames];
        int onset = -1;
        double mx = 0, my = 0;
        int stepFrame = 1 + r.nextInt(Math.max(1, frames - 1));
        float[] cf = new float[g * g];
        for (int f = 0; f < frames; f++) {
            if (f > 0) {
                mx = clamp(mx + r.nextGaussian() * c.motionPx() / 3, c.motionPx());
                my = clamp(my + r.nextGaussian() * c.motionPx() / 3, c.motionPx());
            }
            double gain =
                    1 + (c.driftStep() ? (f >= stepFrame ? c.drift() : 0) : c.drift() * f / Math.max(1, frames - 1));
            Arrays.fill(cf, 0f);
            int top2 = g, bottom2 = -1, area = 0;
            for (int i : withContrast) {
                float v = (float) (dens[i] * co.amount(f, fill[i]));
                cf[i] = v;
                if (v > 0.02) area++;
                if (v > 0.03) {
                    top2 = Math.min(top2, i / g);
                    bottom2 = Math.max(bottom2, i / g);
                }
            }
            if (onset < 0 && area * p * p >= 10) onset = f;
            extent[f] = bottom2 < 0 ? 0 : (bottom2 - top2 + 1) * p;
            float[] out = new float[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double sx = x + pad + mx, sy = y + pad + my;
                    double a = bilinear(stat, g, sx, sy) + bilinear(cf, g, sx, sy) + fixed[y * n + x];
                    double mean = n0 * gain * Math.exp(-a);
                    double v = mean + Math.sqrt(mean) * r.nextGaussian() + c.electronicSigma() * r.nextGaussian();
                    out[y * n + x] = (float) Math.max(0.01, v);
                }
            }
            counts[f] = out;
        }
        double tipCol = an.tipX / p - 0.5, tipRow = an.tipY / p - 0.5;
        return new SimRun(c, new Truth(onset, extent, tipCol, tipRow), encode(c, counts, text, r));
    }

    private static double clamp(double v, double m) {
        return Math.max(-m, Math.min(m, v));
    }

    private static double bilinear(float[] m, int g, double x, double y) {
        x -= 0.5;
        y -= 0.5;
        int xi = (int) Math.floor(x), yi = (int) Math.floor(y);
        xi = Math.max(0, Math.min(g - 2, xi));
        yi = Math.max(0, Math.min(g - 2, yi));
        double fx = Math.max(0, Math.min(1, x - xi)), fy = Math.max(0, Math.min(1, y - yi));
        int i = yi * g + xi;
        return (1 - fy) * ((1 - fx) * m[i] + fx * m[i + 1]) + fy * ((1 - fx) * m[i + g] + fx * m[i + g + 1]);
    }

    /** The family's encoding of the detected counts, as a DICOM object in memory. */
    private static FrameSource encode(SimCase c, float[][] counts, boolean[] text, SplittableRandom r)
            throws Exception {
        int n = c.matrix(), frames = counts.length;
        float[] sample = new float[(n * n + 15) / 16];
        for (int i = 0, k = 0; i < n * n && k < sample.length; i += 16) sample[k++] = counts[0][i];
        Arrays.sort(sample);
        double lo = Math.log(Math.max(0.5, sample[sample.length / 200])),
                hi = Math.log(sample[sample.length - 1 - sample.length / 200]);
        SimCase.Encoding e = c.encoding();
        boolean display = e == SimCase.Encoding.DISP_BRIGHT
                || e == SimCase.Encoding.DISP_DARK
                || e == SimCase.Encoding.MONOCHROME1;
        int bits = display && r.nextDouble() < 0.4 ? 8 : 12, max = (1 << bits) - 1;
        double gamma = 0.7 + 0.7 * r.nextDouble();
        int[] values = new int[frames * n * n];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < n * n; i++) {
                double v = counts[f][i], s;
                double l = Math.max(0, Math.min(1, (Math.log(v) - lo) / (hi - lo)));
                switch (e) {
                    case LIN -> s = v / Math.exp(hi) * 3000;
                    case LOG -> s = (Math.log(v) - (lo - 0.7)) / (hi - lo + 1.4) * max;
                    case DISP_BRIGHT -> s = Math.pow(1 - l, gamma) * max;
                    default -> s = Math.pow(l, gamma) * max;
                }
                int q = (int) Math.round(Math.max(0, Math.min(max, s)));
                if (text[i]) q = e == SimCase.Encoding.MONOCHROME1 ? 0 : max;
                values[f * n * n + i] = q;
            }
        }
        Attributes a = TestDicom.xa("SIM", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), frames, n);
        a.setString(
                Tags.PhotometricInterpretation,
                VR.CS,
                e == SimCase.Encoding.MONOCHROME1 ? "MONOCHROME1" : "MONOCHROME2");
        switch (e) {
            case LIN -> a.setString(Tags.PixelIntensityRelationship, VR.CS, "LIN");
            case LOG -> {
                a.setString(Tags.PixelIntensityRelationship, VR.CS, "LOG");
                if (r.nextBoolean()) a.setInt(Tags.PixelIntensityRelationshipSign, VR.SS, 1);
            }
            case DISP_BRIGHT -> a.setString(Tags.PixelIntensityRelationship, VR.CS, "DISP");
            case DISP_DARK -> {
                if (r.nextBoolean()) a.setString(Tags.PixelIntensityRelationship, VR.CS, "DISP");
            }
            default -> {}
        }
        double sid = 1000, ips = c.pixelMm() * sid / c.sod();
        a.setString(Tags.ImagerPixelSpacing, VR.DS, fmt(ips), fmt(ips));
        a.setString(Tags.DistanceSourceToDetector, VR.DS, "1000");
        a.setString(Tags.DistanceSourceToPatient, VR.DS, fmt(c.sod()));
        a.setInt(Tags.BitsAllocated, VR.US, bits == 8 ? 8 : 16);
        a.setInt(Tags.BitsStored, VR.US, bits);
        a.setInt(Tags.HighBit, VR.US, bits - 1);
        byte[] px;
        if (bits == 8) {
            px = new byte[values.length];
            for (int i = 0; i < values.length; i++) px[i] = (byte) values[i];
        } else {
            px = new byte[values.length * 2];
            for (int i = 0; i < values.length; i++) {
                px[2 * i] = (byte) values[i];
                px[2 * i + 1] = (byte) (values[i] >> 8);
            }
        }
        a.setBytes(Tag.PixelData, bits == 8 ? VR.OB : VR.OW, px);
        return FrameSource.of(a, TransferSyntax.EXPLICIT_VR_LE);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
