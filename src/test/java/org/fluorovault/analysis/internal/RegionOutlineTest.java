package org.fluorovault.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fluorovault.analysis.ContrastAnalysis.Point;
import org.junit.jupiter.api.Test;

/** The outline of a region: pixel-edge corners in stored-image coordinates, the largest part only. */
class RegionOutlineTest {
    private static void fill(byte[] r, int w, int x0, int y0, int x1, int y1) {
        for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) r[y * w + x] = 1;
    }

    @Test
    void aRectangleIsItsFourCornersScaledByTheBinning() {
        int w = 20, h = 16;
        byte[] r = new byte[w * h];
        fill(r, w, 3, 4, 8, 12); // columns 3..8, rows 4..12
        fill(r, w, 15, 1, 15, 1); // a single stray pixel, smaller: not outlined
        List<Point> outline = RegionOutline.of(r, w, h, 2);
        Set<Point> expected = Set.of(new Point(6, 8), new Point(18, 8), new Point(18, 26), new Point(6, 26));
        assertEquals(expected, new HashSet<>(outline), outline.toString());
    }

    @Test
    void longOutlinesAreCappedAndAnEmptyRegionHasNone() {
        int w = 400, h = 400;
        byte[] r = new byte[w * h];
        for (int x = 0; x < 390; x += 2) fill(r, w, x, 10, x + 1, 10 + (x % 4 == 0 ? 50 : 5)); // a comb
        List<Point> outline = RegionOutline.of(r, w, h, 1);
        assertTrue(outline.size() > 50 && outline.size() <= RegionOutline.MAX_VERTICES, "vertices: " + outline.size());
        assertEquals(List.of(), RegionOutline.of(new byte[w * h], w, h, 1));
    }
}
