package org.fluorovault.analysis.internal;

/**
 * Brightness changes between frames (automatic dose and brightness control): after registration,
 * a frame is compared with the reference pixel by pixel; the median difference in the darker and in
 * the brighter half of the reference gives a straight line (level and gain), which is taken out when
 * it exceeds the noise anywhere. Medians, so that contrast in a small part of the image hardly moves them.
 */
final class Brightness {
    private Brightness() {}

    /** Matches {@code frame} to {@code ref} in place; returns the largest correction made (0 when none). */
    static double match(float[] frame, float[] ref, int w, int h, int edge, byte[] field, double sigma) {
        int k = 0;
        float[] r = new float[((h - 2 * edge + 1) / 2) * ((w - 2 * edge + 1) / 2)];
        for (int y = edge; y < h - edge; y += 2)
            for (int x = edge; x < w - edge; x += 2) if (k < r.length && field[y * w + x] != 0) r[k++] = ref[y * w + x];
        if (k < 64) return 0;
        float[] sorted = java.util.Arrays.copyOf(r, k);
        float mid = ContrastAnalyzer.select(sorted, k / 2);
        float lo = ContrastAnalyzer.select(sorted, k / 10), hi = ContrastAnalyzer.select(sorted, 9 * k / 10);
        float[] dLow = new float[k], dHigh = new float[k], rLow = new float[k], rHigh = new float[k];
        int nl = 0, nh = 0;
        for (int y = edge; y < h - edge; y += 2) {
            for (int x = edge; x < w - edge; x += 2) {
                int i = y * w + x;
                if (field[i] == 0) continue;
                if (ref[i] < mid) {
                    rLow[nl] = ref[i];
                    dLow[nl++] = frame[i] - ref[i];
                } else {
                    rHigh[nh] = ref[i];
                    dHigh[nh++] = frame[i] - ref[i];
                }
            }
        }
        if (nl < 16 || nh < 16) return 0;
        double r1 = ContrastAnalyzer.select(rLow, nl / 2), d1 = ContrastAnalyzer.select(dLow, nl / 2);
        double r2 = ContrastAnalyzer.select(rHigh, nh / 2), d2 = ContrastAnalyzer.select(dHigh, nh / 2);
        double b = r2 > r1 ? (d2 - d1) / (r2 - r1) : 0, a = d1 - b * r1; // frame - ref ~ a + b ref
        double worst = Math.max(Math.abs(a + b * lo), Math.abs(a + b * hi));
        if (worst <= sigma || b <= -0.9) return 0;
        for (int i = 0; i < frame.length; i++) frame[i] = (float) ((frame[i] - a) / (1 + b));
        return worst;
    }
}
