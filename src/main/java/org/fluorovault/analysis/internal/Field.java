package org.fluorovault.analysis.internal;

import ij.process.FloatProcessor;

/**
 * The exposed field of a frame: pixels that are not at the flat extremes of the image (collimator
 * shutters, the dark surround of an image intensifier, burned-in text at full white or black),
 * shrunk by a margin so that the edges of those areas, which do not move with the patient, are not
 * taken for change. 1 = analysed, 0 = left out.
 */
final class Field {
    private Field() {}

    static byte[] of(float[] p, int w, int h, int margin) {
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : p) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float d = 0.02f * (hi - lo);
        byte[] out = new byte[p.length];
        boolean[] outside = new boolean[p.length];
        int count = 0;
        for (int i = 0; i < p.length; i++)
            if (p[i] <= lo + d || p[i] >= hi - d) {
                outside[i] = true;
                count++;
            }
        java.util.Arrays.fill(out, (byte) 1);
        if (count == 0) return out;
        // only plateaus: a pixel all of whose neighbours are extreme too (a needle or a text stroke is thinner)
        boolean[] plateau = new boolean[p.length];
        count = 0;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++) {
                boolean all = true;
                for (int dy = -1; dy <= 1 && all; dy++)
                    for (int dx = -1; dx <= 1 && all; dx++) all = outside[(y + dy) * w + x + dx];
                if (all) {
                    plateau[y * w + x] = true;
                    count++;
                }
            }
        if (count == 0) return out;
        outside = plateau;
        margin += 1;
        // widen what is left out by the margin (a square neighbourhood, separably)
        boolean[] tmp = new boolean[p.length];
        for (int y = 0; y < h; y++) {
            int run = -1;
            for (int x = 0; x < w; x++)
                if (outside[y * w + x]) run = x;
                else if (run >= 0 && x - run <= margin) tmp[y * w + x] = true;
            run = -1;
            for (int x = w - 1; x >= 0; x--)
                if (outside[y * w + x]) run = x;
                else if (run >= 0 && run - x <= margin) tmp[y * w + x] = true;
        }
        for (int i = 0; i < p.length; i++) tmp[i] |= outside[i];
        for (int x = 0; x < w; x++) {
            int run = -1;
            for (int y = 0; y < h; y++)
                if (tmp[y * w + x]) run = y;
                else if (run >= 0 && y - run <= margin) out[y * w + x] = 0;
            run = -1;
            for (int y = h - 1; y >= 0; y--)
                if (tmp[y * w + x]) run = y;
                else if (run >= 0 && run - y <= margin) out[y * w + x] = 0;
        }
        for (int i = 0; i < p.length; i++) if (tmp[i]) out[i] = 0;
        return out;
    }

    static double excludedShare(byte[] field) {
        int n = 0;
        for (byte b : field) if (b == 0) n++;
        return (double) n / field.length;
    }

    /** A copy with the pixels outside the field set to the field's mean, so that filters see no edges there. */
    static FloatProcessor filled(FloatProcessor fp, byte[] field) {
        float[] p = (float[]) fp.getPixels(), out = p.clone();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < p.length; i++)
            if (field[i] != 0) {
                sum += p[i];
                n++;
            }
        float mean = n == 0 ? 0 : (float) (sum / n);
        for (int i = 0; i < p.length; i++) if (field[i] == 0) out[i] = mean;
        return new FloatProcessor(fp.getWidth(), fp.getHeight(), out);
    }
}
