package org.fluorovault.analysis.internal;

/**
 * Shape of a region: bounding box, principal axes and how ragged its outline is.
 *
 * @param heightPx rows spanned
 * @param widthPx columns spanned
 * @param elongation major over minor principal axis length
 * @param verticality |cos| of the major axis with the image vertical (1 = cranio-caudal)
 * @param fill area over bounding-box area
 * @param roughness perimeter squared over (4 pi area): 1 for a disc, higher for ragged or branching shapes
 */
record Shape(int heightPx, int widthPx, double elongation, double verticality, double fill, double roughness) {
    static Shape of(byte[] r, int w, int h, int area) {
        int top = h, bottom = -1, left = w, right = -1, perimeter = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == 0) continue;
            int x = i % w, y = i / w;
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
            left = Math.min(left, x);
            right = Math.max(right, x);
            sx += x;
            sy += y;
            sxx += (double) x * x;
            syy += (double) y * y;
            sxy += (double) x * y;
            if (x == 0 || r[i - 1] == 0) perimeter++;
            if (x == w - 1 || r[i + 1] == 0) perimeter++;
            if (y == 0 || r[i - w] == 0) perimeter++;
            if (y == h - 1 || r[i + w] == 0) perimeter++;
        }
        double mx = sx / area, my = sy / area;
        double cxx = sxx / area - mx * mx, cyy = syy / area - my * my, cxy = sxy / area - mx * my;
        double tr = cxx + cyy, disc = Math.sqrt(Math.max(0, tr * tr / 4 - (cxx * cyy - cxy * cxy)));
        double l1 = tr / 2 + disc, l2 = Math.max(0.25, tr / 2 - disc);
        double ux = cxy != 0 ? l1 - cyy : (cxx >= cyy ? 1 : 0), uy = cxy != 0 ? cxy : (cxx >= cyy ? 0 : 1);
        double verticality = Math.abs(uy) / Math.hypot(ux, uy);
        int height = bottom - top + 1, width = right - left + 1;
        // a 4-connected pixel perimeter overstates a smooth outline by about 4/pi
        double p = perimeter * Math.PI / 4;
        return new Shape(
                height,
                width,
                Math.sqrt(l1 / l2),
                verticality,
                (double) area / (height * width),
                p * p / (4 * Math.PI * area));
    }
}
