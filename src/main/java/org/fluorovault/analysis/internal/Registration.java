package org.fluorovault.analysis.internal;

import ij.process.FloatProcessor;

/**
 * Small patient motion: the translation of each frame against a reference, by the least mean
 * absolute difference over whole-pixel shifts within {@code range} refined to sub-pixel by a
 * parabola, then undone with bilinear interpolation.
 */
final class Registration {
    private Registration() {}

    /** {dx, dy} such that {@code frame(x + dx, y + dy) ~ reference(x, y)}. */
    static double[] shift(float[] ref, float[] frame, int w, int h, int range) {
        double[][] cost = new double[2 * range + 1][2 * range + 1];
        int m = range + 2;
        for (int dy = -range; dy <= range; dy++) {
            for (int dx = -range; dx <= range; dx++) {
                double sum = 0;
                int n = 0;
                for (int y = m; y < h - m; y += 2) {
                    int r = y * w, s = (y + dy) * w + dx;
                    for (int x = m; x < w - m; x += 2) {
                        sum += Math.abs(frame[s + x] - ref[r + x]);
                        n++;
                    }
                }
                cost[dy + range][dx + range] = sum / n;
            }
        }
        int bx = range, by = range;
        for (int y = 0; y < cost.length; y++) {
            for (int x = 0; x < cost.length; x++)
                if (cost[y][x] < cost[by][bx]) {
                    bx = x;
                    by = y;
                }
        }
        double fx = bx - range, fy = by - range;
        if (bx > 0 && bx < cost.length - 1) fx += vertex(cost[by][bx - 1], cost[by][bx], cost[by][bx + 1]);
        if (by > 0 && by < cost.length - 1) fy += vertex(cost[by - 1][bx], cost[by][bx], cost[by + 1][bx]);
        return new double[] {fx, fy};
    }

    private static double vertex(double a, double b, double c) {
        double d = a - 2 * b + c;
        return d <= 0 ? 0 : Math.max(-0.5, Math.min(0.5, (a - c) / (2 * d)));
    }

    /**
     * The frame moved by {@code (-dx, -dy)}, so that it lines up with the reference: the result of
     * ImageJ's {@code translate} with bilinear interpolation and background 0 (RegistrationTest
     * checks they agree), without its per-pixel calls.
     */
    static FloatProcessor align(FloatProcessor frame, double[] shift) {
        int w = frame.getWidth(), h = frame.getHeight();
        float[] p = (float[]) frame.getPixels(), out = new float[p.length];
        double ox = -shift[0], oy = -shift[1];
        if (ox == (int) ox && oy == (int) oy) {
            int ix = (int) ox, iy = (int) oy;
            for (int y = 0; y < h; y++) {
                int sy = y - iy;
                if (sy < 0 || sy >= h) continue;
                for (int x = 0; x < w; x++) {
                    int sx = x - ix;
                    if (sx >= 0 && sx < w) out[y * w + x] = p[sy * w + sx];
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                double ys = y - oy;
                if (ys < 0 || ys >= h - 1) continue;
                int yb = (int) ys;
                double yf = ys - yb;
                for (int x = 0; x < w; x++) {
                    double xs = x - ox;
                    if (xs < 0 || xs >= w - 1) continue;
                    int xb = (int) xs;
                    double xf = xs - xb;
                    int i = yb * w + xb;
                    double ll = p[i], lr = p[i + 1], ur = p[i + w + 1], ul = p[i + w];
                    double upper = ul + xf * (ur - ul), lower = ll + xf * (lr - ll);
                    out[y * w + x] = (float) (lower + yf * (upper - lower));
                }
            }
        }
        return new FloatProcessor(w, h, out);
    }
}
