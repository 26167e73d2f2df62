package org.fluorovault.tools.samples;

import org.fluorovault.tools.samples.LumbarPhantom.View;

/**
 * The static part of the picture (soft tissue, bone, needle) and the landmarks the contrast
 * follows. Geometry is written in units of a 512-pixel image (about 0.45 mm in the patient
 * plane) and scaled to the rendered size; the raster has a margin on every side so that patient
 * motion never shows its border.
 */
final class SpineAnatomy {
    /** Distance between adjacent vertebral levels, in 512-units. */
    static final double PITCH = 84;

    private static final double BODY_HALF_HEIGHT = 32;
    private static final double L1_TOP = -6;
    private static final double SACRUM_TOP = 412;

    final View view;
    final double scale;
    final double margin;
    final Raster attenuation;
    /** Image right (+1) or left (-1): the side of the paramedian needle and of one-sided spread on AP. */
    final int side;
    /** Needle tip and hub, raster coordinates. */
    final double tipX, tipY, hubX, hubY;

    private final long seed;

    SpineAnatomy(View view, int size, double margin, long seed) {
        this.view = view;
        this.scale = size / 512.0;
        this.margin = margin;
        this.seed = seed;
        this.side = (SplitMix.mix(seed ^ 0x5EED) & 1) == 0 ? 1 : -1;
        int width = size + 2 * (int) Math.ceil(margin);
        this.attenuation = new Raster(width);
        double ty = bodyBottom(3) + (view == View.AP ? 24 : 17);
        double tx = view == View.AP ? apMidline() + side * 16 : posteriorBodyMargin(ty) + 30;
        this.tipX = px(tx);
        this.tipY = px(ty);
        double hx = view == View.AP ? tx + side * 22 : skinX(ty) + 34;
        double hy = view == View.AP ? ty + 78 : ty + (hx - tx) * 0.18;
        this.hubX = px(hx);
        this.hubY = px(hy);
    }

    /** Raster coordinate of a 512-unit position. */
    double px(double units) {
        return margin + units * scale;
    }

    /** Raster length of a 512-unit length. */
    double len(double units) {
        return units * scale;
    }

    /** 512-unit position of a raster coordinate. */
    double units(double raster) {
        return (raster - margin) / scale;
    }

    static double bodyTop(int level) {
        return L1_TOP + level * PITCH;
    }

    static double bodyBottom(int level) {
        return bodyTop(level) + 2 * BODY_HALF_HEIGHT;
    }

    // ---- AP landmarks (512-units)

    static double apMidline() {
        return 259;
    }

    static double apHalfWidth(int level) {
        return 50 + 2.5 * level;
    }

    /** x of the medial border of the pedicles on the needle's side at height y. */
    double apMedialPedicle(double y) {
        int level = (int) Math.max(0, Math.min(4, Math.round((y - L1_TOP - BODY_HALF_HEIGHT) / PITCH)));
        return apMidline() + side * (apHalfWidth(level) - 21);
    }

    // ---- lateral landmarks (512-units)

    /** Centre of the vertebral bodies at height y: lumbar lordosis, apex near L3-L4, anterior to the left. */
    static double lateralAxis(double y) {
        return 228 - 24 * StrictMath.sin(Math.PI * (y + 20) / 450);
    }

    private static double lateralTilt(double y) {
        double slope = -24 * Math.PI / 450 * StrictMath.cos(Math.PI * (y + 20) / 450);
        return StrictMath.atan2(-slope, 1);
    }

    static double bodyHalfDepth(int level) {
        return 37 + 1.2 * level;
    }

    /** Posterior margin of the vertebral bodies (anterior wall of the canal) at height y. */
    static double posteriorBodyMargin(double y) {
        int level = (int) Math.max(0, Math.min(4, Math.round((y - L1_TOP - BODY_HALF_HEIGHT) / PITCH)));
        return lateralAxis(y) + bodyHalfDepth(level);
    }

    static double skinX(double y) {
        return 462 - 0.04 * (y - 256);
    }

    /** Draws everything that does not change over the run. */
    SpineAnatomy draw() {
        Raster bone = new Raster(attenuation.width);
        if (view == View.AP) drawApBone(bone);
        else drawLateralBone(bone);
        float[] a = attenuation.v, b = bone.v;
        int w = attenuation.width;
        long texture = seed * 31 + 7;
        for (int y = 0; y < w; y++) {
            double uy = units(y);
            for (int x = 0; x < w; x++) {
                double ux = units(x);
                double soft = view == View.AP ? apSoftTissue(ux, uy) : lateralSoftTissue(ux, uy);
                float bv = b[y * w + x];
                double trabecular = bv == 0 ? 0 : bv * (0.86 + 0.28 * SplitMix.valueNoise(texture, ux / 2.6, uy / 2.6));
                a[y * w + x] = (float) (soft + trabecular);
            }
        }
        drawNeedle();
        return this;
    }

    private double apSoftTissue(double x, double y) {
        double cx = apMidline();
        double d = (x - cx) / 290;
        double body = 1.05 * Math.max(0.55, 1 - 0.8 * d * d);
        double spread = 58 + 0.09 * y;
        double psoas = 0;
        for (int s = -1; s <= 1; s += 2) {
            double off = Math.abs(x - (cx + s * (spread + 22 + 0.05 * y))) / (16 + 0.05 * Math.max(0, y));
            psoas += 0.07 * Raster.smooth(1.5 - off);
        }
        double lateral = Raster.smooth((Math.abs(x - cx) - 45) / 50);
        double g = 0.65 * SplitMix.valueNoise(seed ^ 0xB0E1L, x / 38, y / 30)
                + 0.35 * SplitMix.valueNoise(seed ^ 0xB0E3L, x / 13, y / 11);
        double gas = -0.1 * lateral * Raster.smooth((g - 0.5) / 0.35);
        return body + psoas + gas;
    }

    private double lateralSoftTissue(double x, double y) {
        double skin = skinX(y);
        double inside = Raster.smooth((skin - x) / 2.5 + 0.5);
        if (inside == 0) return 0;
        double depth = 1.32 + 0.22 * (1 - x / 512);
        double fat = -0.09 * Raster.smooth(1 - (skin - x) / 26);
        double muscle = 0.05 * Raster.smooth((x - posteriorBodyMargin(y) - 40) / 20);
        double g = 0.65 * SplitMix.valueNoise(seed ^ 0xB0E2L, x / 34, y / 28)
                + 0.35 * SplitMix.valueNoise(seed ^ 0xB0E4L, x / 12, y / 10);
        double gas = -0.12 * Raster.smooth((190 - x) / 70) * Raster.smooth((g - 0.5) / 0.35);
        return inside * (depth + fat + muscle + gas);
    }

    private void drawApBone(Raster r) {
        double cx = apMidline();
        for (int k = 0; k < 5; k++) {
            double top = bodyTop(k), bottom = bodyBottom(k), hw = apHalfWidth(k), cy = (top + bottom) / 2;
            r.addBlock(px(cx), px(cy), len(hw), len(BODY_HALF_HEIGHT), 0, 0.07, 0.5, 0.34);
            double tp = new double[] {14, 20, 26, 21, 17}[k];
            for (int s = -1; s <= 1; s += 2) {
                r.addRing(px(cx + s * (hw - 13)), px(top + 20), len(8.5), len(13), 0.36);
                r.addBlock(px(cx + s * (hw - 6 + tp)), px(top + 24), len(tp), len(6), s * 0.08, 0.26, 0.06);
                // lamina: from below the pedicle down to the base of the spinous process (a "V")
                r.addSegment(px(cx + s * (hw - 16)), px(top + 34), px(cx + s * 5), px(bottom + 4), len(7.5), 0.2);
                r.addBlock(
                        px(cx + s * (hw - 17)),
                        px(bottom + 9),
                        len(7.5),
                        len(13),
                        s * 0.15,
                        0.26,
                        0.07); // inferior facets
            }
            r.addEllipse(px(cx), px(bottom - 4), len(7), len(20), 0, 0.46); // spinous process
        }
        // sacrum: an inverted triangle with two columns of foramina, between the iliac wings
        int w = r.width;
        for (int y = 0; y < w; y++) {
            double uy = units(y);
            if (uy < SACRUM_TOP - 2) continue;
            double half = 72 - (uy - SACRUM_TOP) * 0.33;
            if (half <= 0) continue;
            for (int x = 0; x < w; x++) {
                double dx = Math.abs(units(x) - cx);
                double edge = Raster.smooth((half - dx) / 2.5) * Raster.smooth((uy - SACRUM_TOP) / 2.5 + 0.5);
                if (edge > 0)
                    r.v[y * w + x] += (float) (edge * (0.4 + 0.12 * Raster.smooth(1 - Math.abs(half - dx) / 6)));
            }
        }
        for (int i = 0; i < 4; i++) {
            double fy = SACRUM_TOP + 22 + 30 * i, half = 72 - (fy - SACRUM_TOP) * 0.33;
            for (int s = -1; s <= 1; s += 2) r.addEllipse(px(cx + s * half * 0.55), px(fy), len(6), len(5.5), 0, -0.22);
        }
        for (int s = -1; s <= 1; s += 2) { // iliac wings: broad flat bone, crest brighter, leaning outwards
            r.addSuperEllipse(
                    px(cx + s * 205),
                    px(560),
                    len(105),
                    len(175),
                    s * 0.55,
                    2,
                    (x, y, rr, in) -> in * (0.13 + 0.2 * Math.max(0, 1 - Math.abs(rr - 0.95) / 0.06)));
        }
    }

    private void drawLateralBone(Raster r) {
        for (int k = 0; k < 5; k++) {
            double top = bodyTop(k), bottom = bodyBottom(k), cy = (top + bottom) / 2;
            double tilt = lateralTilt(cy), xc = lateralAxis(cy), hd = bodyHalfDepth(k), xp = xc + hd;
            r.addBlock(px(xc), px(cy), len(hd), len(BODY_HALF_HEIGHT), tilt, 0.04, 0.5, 0.3);
            r.addBlock(px(xp + 16), px(top + 19), len(21), len(12), tilt, 0.3, 0.05); // pedicle
            r.addBlock(px(xp + 46), px((top + bottom + 8) / 2), len(14), len(38), tilt, 0.36, 0.1); // articular pillar
            r.addBlock(px(xp + 54), px(bottom - 2), len(12), len(14), tilt, 0.18, 0.04); // lamina
            r.addBlock(px(xp + 92), px(cy + 8), len(36), len(15), tilt + 0.22, 0.05, 0.3, 0.07); // spinous process
        }
        double sy = SACRUM_TOP + 58;
        r.addBlock(px(lateralAxis(SACRUM_TOP) + 34), px(sy), len(44), len(68), -0.6, 0.4, 0.16);
        r.addBlock(px(lateralAxis(SACRUM_TOP) + 104), px(sy + 10), len(14), len(52), -0.5, 0.22, 0.05); // sacral crest
    }

    private void drawNeedle() {
        double r = view == View.AP ? 0.95 : 0.85, amp = view == View.AP ? 2.2 : 1.6;
        double dx = hubX - tipX, dy = hubY - tipY, l = Math.sqrt(dx * dx + dy * dy);
        double hubLen = len(16) / l;
        // at least a pixel wide, so that the needle stays visible in small renderings
        attenuation.addSegment(tipX, tipY, hubX - dx * hubLen, hubY - dy * hubLen, Math.max(1.0, len(r)), amp);
        attenuation.addSegment(hubX - dx * hubLen, hubY - dy * hubLen, hubX, hubY, len(4.2), 0.55);
    }
}
