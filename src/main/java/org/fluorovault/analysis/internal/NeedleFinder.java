package org.fluorovault.analysis.internal;

import ij.plugin.filter.RankFilters;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * The needle: a straight, thin, high-attenuation line. A white top-hat (image minus its median)
 * keeps thin bright structures; the most elongated long component is the needle, its two ends
 * lie on its principal axis, and the tip is the end nearer a hint (where contrast first appears)
 * or, without one, the end nearer the image centre.
 */
final class NeedleFinder {
    /** Tip in working pixels, with a 0..1 confidence. */
    record Tip(double x, double y, double confidence) {}

    /** The needle's line: its two ends on the principal axis, its elongation and length, and the image centre. */
    record Needle(
            double ax,
            double ay,
            double bx,
            double by,
            double elongation,
            double length,
            double centreX,
            double centreY) {
        /** Length weighted by how line-like it is: what the finder maximises. */
        double score() {
            return length * Math.min(1, elongation / 30);
        }

        /** The end nearer {@code hint} (where contrast first appeared) or, without a hint (null), nearer the centre. */
        Tip tip(double[] hint) {
            double hx = hint != null ? hint[0] : centreX, hy = hint != null ? hint[1] : centreY;
            boolean aIsTip = Math.hypot(ax - hx, ay - hy) <= Math.hypot(bx - hx, by - hy);
            double conf = Math.min(1, elongation / 40) * Math.min(1, length / 30) * (hint != null ? 1 : 0.8);
            return aIsTip ? new Tip(ax, ay, conf) : new Tip(bx, by, conf);
        }
    }

    private NeedleFinder() {}

    /** The most elongated long thin bright line of {@code mask}, or null when there is none. */
    static Needle find(FloatProcessor mask, double noiseSigma) {
        int w = mask.getWidth(), h = mask.getHeight();
        FloatProcessor med = (FloatProcessor) mask.duplicate();
        new RankFilters().rank(med, 3, RankFilters.MEDIAN);
        float[] a = (float[]) mask.getPixels(), m = (float[]) med.getPixels();
        float[] th = new float[a.length];
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            th[i] = a[i] - m[i];
            if (th[i] > max) max = th[i];
        }
        // relative to a high percentile rather than the maximum, so that burned-in text at full white
        // (a few short strokes, brighter than any anatomy) does not raise the threshold above the needle
        float[] sorted = th.clone();
        java.util.Arrays.sort(sorted);
        double ceiling = Math.min(max, sorted[(int) (sorted.length * 0.999)] * 1.5);
        double t = Math.max(8 * noiseSigma, 0.35 * ceiling);
        ByteProcessor bin = new ByteProcessor(w, h);
        byte[] b = (byte[]) bin.getPixels();
        int edge = 6;
        for (int y = edge; y < h - edge; y++)
            for (int x = edge; x < w - edge; x++) if (th[y * w + x] > t) b[y * w + x] = (byte) 255;
        Needle best = null;
        double bestScore = 0;
        int[] stack = new int[a.length];
        for (int start = 0; start < a.length; start++) {
            if (b[start] != (byte) 255) continue;
            // 8-connected component: collect its pixels, mark them visited (value 1)
            int n = 0, top = 0;
            stack[top++] = start;
            b[start] = 1;
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int[] pix = new int[Math.min(a.length, 4096)];
            while (top > 0) {
                int p = stack[--top];
                if (n < pix.length) pix[n] = p;
                n++;
                int px = p % w, py = p / w;
                sx += px;
                sy += py;
                sxx += (double) px * px;
                syy += (double) py * py;
                sxy += (double) px * py;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int q = (py + dy) * w + px + dx;
                        if (q >= 0 && q < a.length && b[q] == (byte) 255) {
                            b[q] = 1;
                            stack[top++] = q;
                        }
                    }
            }
            if (n < 8 || n > pix.length) continue;
            double mx = sx / n, my = sy / n;
            double cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
            double tr = cxx + cyy, det = cxx * cyy - cxy * cxy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc, l2 = Math.max(0.05, tr / 2 - disc);
            double elong = l1 / l2;
            double ux = cxy != 0 ? l1 - cyy : (cxx >= cyy ? 1 : 0), uy = cxy != 0 ? cxy : (cxx >= cyy ? 0 : 1);
            double un = Math.hypot(ux, uy);
            ux /= un;
            uy /= un;
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                double s = (pix[k] % w - mx) * ux + (pix[k] / w - my) * uy;
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            double length = hi - lo;
            double score = length * Math.min(1, elong / 30);
            if (length < 10 || elong < 8 || score <= bestScore) continue;
            best = new Needle(mx + lo * ux, my + lo * uy, mx + hi * ux, my + hi * uy, elong, length, w / 2.0, h / 2.0);
            bestScore = score;
        }
        return best;
    }
}
