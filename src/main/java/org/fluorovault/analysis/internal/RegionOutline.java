package org.fluorovault.analysis.internal;

import ij.gui.Wand;
import ij.process.ByteProcessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis.Point;

/**
 * The outline of a contrast region as a closed polygon: ImageJ's wand traces the outer boundary of
 * the region's largest 8-connected part along pixel edges. Vertices are in stored-image
 * coordinates with 0,0 at the top left corner of the top left pixel (the DICOM SCOORD convention),
 * the last vertex joining back to the first; long outlines keep every k-th vertex.
 */
final class RegionOutline {
    static final int MAX_VERTICES = 256;

    private RegionOutline() {}

    static List<Point> of(byte[] region, int w, int h, int bin) {
        int seed = largestPartPixel(region, w, h);
        if (seed < 0) return List.of();
        byte[] copy = region.clone();
        for (int i = 0; i < copy.length; i++) copy[i] = copy[i] != 0 ? (byte) 255 : 0;
        Wand wand = new Wand(new ByteProcessor(w, h, copy));
        wand.autoOutline(seed % w, seed / w, 255.0, 255.0, Wand.EIGHT_CONNECTED);
        int n = wand.npoints;
        int step = Math.max(1, (n + MAX_VERTICES - 1) / MAX_VERTICES);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n; i += step)
            out.add(new Point((double) wand.xpoints[i] * bin, (double) wand.ypoints[i] * bin));
        return List.copyOf(out);
    }

    /** A pixel of the largest 8-connected part of the region, -1 when it is empty. */
    private static int largestPartPixel(byte[] region, int w, int h) {
        int[] label = new int[region.length];
        int best = -1, bestSize = 0, next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < region.length; start++) {
            if (region[start] == 0 || label[start] != 0) continue;
            label[start] = ++next;
            queue.add(start);
            int size = 0;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                size++;
                int x = p % w, y = p / w;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        int q = ny * w + nx;
                        if (region[q] != 0 && label[q] == 0) {
                            label[q] = next;
                            queue.add(q);
                        }
                    }
            }
            if (size > bestSize) {
                bestSize = size;
                best = start;
            }
        }
        return best;
    }
}
