package org.fluorovault.tools.samples;

import java.util.Arrays;
import org.fluorovault.tools.samples.LumbarPhantom.Contrast;
import org.fluorovault.tools.samples.LumbarPhantom.View;

/**
 * Where contrast goes and when: for every pixel that contrast reaches, its density when filled
 * (1 = a fully opacified epidural band) and its arrival time in frames after onset. The
 * renderer asks {@link #density(int, double)} for each frame.
 */
final class ContrastSpread {
    /** Decides how density follows arrival: fill and persist, or pulse and wash out. */
    private final Contrast pattern;
    /** Raster indices reached by contrast, with their density and arrival time (frames). */
    final int[] index;

    final float[] density;
    final float[] arrival;

    private ContrastSpread(Contrast pattern, int[] index, float[] density, float[] arrival) {
        this.pattern = pattern;
        this.index = index;
        this.density = density;
        this.arrival = arrival;
    }

    static ContrastSpread none() {
        return new ContrastSpread(Contrast.NONE, new int[0], new float[0], new float[0]);
    }

    /**
     * Density of contrast point {@code i} at time {@code t} frames after onset (t = 1 on the
     * onset frame): filling and persisting for epidural and intrathecal spread, a short pulse
     * that washes out for vascular uptake.
     */
    double density(int i, double t) {
        double s = t - arrival[i];
        if (s <= 0) return 0;
        return switch (pattern) {
            case EPIDURAL -> density[i] * Raster.smooth(s / 1.5);
            case INTRATHECAL -> density[i] * Raster.smooth(s / 1.0);
            case VASCULAR -> density[i] * (s < 0.7 ? s / 0.7 : StrictMath.exp(-(s - 0.7) / 0.9));
            case NONE -> 0;
        };
    }

    static ContrastSpread build(SpineAnatomy anatomy, Contrast pattern, int frames, int onset, long seed) {
        if (pattern == Contrast.NONE) return none();
        Builder b = new Builder(anatomy, new SplitMix(seed ^ 0xC0DEL ^ pattern.ordinal()));
        int spreadFrames = Math.max(2, Math.min(6, frames - onset - 2));
        switch (pattern) {
            case EPIDURAL -> b.epidural(spreadFrames);
            case INTRATHECAL -> b.intrathecal();
            case VASCULAR -> b.vascular();
            default -> throw new IllegalStateException();
        }
        return b.collect(pattern);
    }

    /** Draws density with arrival times into full rasters, then keeps the reached pixels. */
    private static final class Builder {
        private final SpineAnatomy an;
        private final SplitMix rnd;
        private final long noiseSeed;
        private final Raster dens;
        private final Raster scratch;
        private final float[] arr;

        Builder(SpineAnatomy an, SplitMix rnd) {
            this.an = an;
            this.rnd = rnd;
            this.noiseSeed = rnd.nextLong();
            this.dens = new Raster(an.attenuation.width);
            this.scratch = new Raster(an.attenuation.width);
            this.arr = new float[dens.v.length];
            Arrays.fill(arr, Float.POSITIVE_INFINITY);
        }

        /** Band centre (512-units) at height y, per view. */
        private interface Course {
            double x(double y);
        }

        /**
         * An elongated lumpy band from {@code top} to {@code bottom} (512-units) about a course,
         * filling from the tip outwards in {@code spreadFrames}; {@code vacuoles} in 0..1.
         */
        private void band(
                Course course,
                double top,
                double bottom,
                double halfWidth,
                double peak,
                double vacuoles,
                double spreadFrames,
                boolean smoothEdges) {
            double tipY = an.units(an.tipY);
            int w = dens.width;
            int y0 = Math.max(0, (int) an.px(top) - 1), y1 = Math.min(w - 1, (int) an.px(bottom) + 1);
            for (int y = y0; y <= y1; y++) {
                double uy = an.units(y);
                double lump = smoothEdges ? 1 : 0.7 + 0.6 * SplitMix.valueNoise(noiseSeed, uy / 9, 0.5);
                double taper = Raster.smooth(Math.min(uy - top, bottom - uy) / 14);
                double hw = halfWidth * lump * (0.35 + 0.65 * taper);
                double cxu =
                        course.x(uy) + (smoothEdges ? 0 : 3 * (SplitMix.valueNoise(noiseSeed + 1, uy / 14, 0.5) - 0.5));
                double reach = uy < tipY ? (tipY - uy) / (tipY - top) : (uy - tipY) / Math.max(1, bottom - tipY);
                float arrival = (float) (Math.min(1, reach) * spreadFrames);
                int xa = Math.max(0, (int) an.px(cxu - hw) - 2), xb = Math.min(w - 1, (int) an.px(cxu + hw) + 2);
                for (int x = xa; x <= xb; x++) {
                    double d = Math.abs(an.units(x) - cxu) / hw;
                    double edge = Raster.smooth((1 - d) * hw * an.scale / 1.2 + 0.5);
                    if (edge <= 0) continue;
                    double q = Math.min(1, d);
                    double v = peak * edge * Math.sqrt(1 - q * q * 0.85);
                    if (vacuoles > 0) {
                        double bubble = SplitMix.valueNoise(noiseSeed + 2, an.units(x) / 3.2, uy / 3.2);
                        v *= 1 - vacuoles * Raster.smooth((bubble - 0.62) / 0.12);
                    }
                    put(y * w + x, v, arrival);
                }
            }
        }

        /** A vessel or root sleeve from (x0,y0) to (x1,y1) in 512-units, arriving from a0 to a1. */
        private void segment(
                double x0, double y0, double x1, double y1, double radius, double peak, double a0, double a1) {
            Raster tmp = scratch;
            tmp.addSegment(an.px(x0), an.px(y0), an.px(x1), an.px(y1), an.len(radius), peak);
            double ex = an.px(x1) - an.px(x0), ey = an.px(y1) - an.px(y0), l2 = Math.max(1e-9, ex * ex + ey * ey);
            int w = dens.width;
            int bx0 = Math.max(0, (int) (Math.min(an.px(x0), an.px(x1)) - an.len(radius) - 3));
            int bx1 = Math.min(w - 1, (int) (Math.max(an.px(x0), an.px(x1)) + an.len(radius) + 3));
            int by0 = Math.max(0, (int) (Math.min(an.px(y0), an.px(y1)) - an.len(radius) - 3));
            int by1 = Math.min(w - 1, (int) (Math.max(an.px(y0), an.px(y1)) + an.len(radius) + 3));
            for (int y = by0; y <= by1; y++) {
                for (int x = bx0; x <= bx1; x++) {
                    int i = y * w + x;
                    if (tmp.v[i] == 0) continue;
                    double t = Math.max(0, Math.min(1, ((x - an.px(x0)) * ex + (y - an.px(y0)) * ey) / l2));
                    put(i, tmp.v[i], (float) (a0 + t * (a1 - a0)));
                    tmp.v[i] = 0;
                }
            }
        }

        private void put(int i, double v, float arrival) {
            if (v <= 0) return;
            dens.v[i] += (float) v;
            if (arrival < arr[i]) arr[i] = arrival;
        }

        void epidural(int spreadFrames) {
            double tipX = an.units(an.tipX), tipY = an.units(an.tipY);
            double up = SpineAnatomy.PITCH * rnd.range(1.15, 1.45), down = SpineAnatomy.PITCH * rnd.range(0.75, 1.0);
            double top = tipY - up, bottom = tipY + down;
            if (an.view == View.AP) {
                Course c = y -> {
                    double lane = an.apMedialPedicle(y) - an.side * 9;
                    double nearTip = Raster.smooth(1 - Math.abs(y - tipY) / 22);
                    return lane + (tipX - lane) * nearTip;
                };
                band(c, top, bottom, 9.5, 1.0, 0.65, spreadFrames, false);
                for (int k = 3; k <= 4; k++) { // spill along the exiting L4 and L5 roots, below their pedicles
                    double ry = SpineAnatomy.bodyTop(k) + 36;
                    if (ry < top + 10 || ry > bottom - 4) continue;
                    double rx = c.x(ry);
                    double a = arrivalAt(ry, tipY, top, bottom, spreadFrames);
                    segment(rx, ry, rx + an.side * 32, ry + 24, 3.6, 0.75, a + 0.5, a + 1.5);
                }
            } else {
                Course c = y -> {
                    double lane = SpineAnatomy.posteriorBodyMargin(y) + 30;
                    return lane + (tipX - lane) * Raster.smooth(1 - Math.abs(y - tipY) / 12);
                };
                band(c, top, bottom, 5.0, 1.0, 0.5, spreadFrames, false);
            }
        }

        private static double hypot(double dx, double dy) {
            return Math.sqrt(dx * dx + dy * dy);
        }

        private static double arrivalAt(double y, double tipY, double top, double bottom, double spreadFrames) {
            double reach = y < tipY ? (tipY - y) / (tipY - top) : (y - tipY) / (bottom - tipY);
            return Math.min(1, reach) * spreadFrames;
        }

        void intrathecal() {
            double tipY = an.units(an.tipY);
            double top = tipY - 2.6 * SpineAnatomy.PITCH, bottom = 470;
            if (an.view == View.AP) {
                double mid = SpineAnatomy.apMidline();
                band(y -> mid, top, bottom, 27, 1.1, 0, 2, true);
                for (int k = 0; k < 5; k++) { // symmetric root sleeves
                    double ry = SpineAnatomy.bodyTop(k) + 34;
                    if (ry < top + 10 || ry > bottom - 10) continue;
                    double a = arrivalAt(ry, tipY, top, bottom, 2);
                    for (int s = -1; s <= 1; s += 2)
                        segment(mid + s * 24, ry, mid + s * 38, ry + 12, 3.2, 0.6, a + 0.3, a + 0.8);
                }
            } else {
                band(y -> SpineAnatomy.posteriorBodyMargin(y) + 17, top, bottom, 15, 1.1, 0, 2, true);
            }
        }

        void vascular() {
            double tipX = an.units(an.tipX), tipY = an.units(an.tipY);
            double speed = 95; // 512-units of vessel per frame
            if (an.view == View.AP) {
                for (int dir = -1; dir <= 1; dir += 2) { // an epidural vein up and down, radicular veins off it
                    double x = tipX, y = tipY, path = 0;
                    int steps = dir < 0 ? 6 : 4;
                    for (int i = 0; i < steps; i++) {
                        double nx = x + rnd.range(-4, 4), ny = y + dir * rnd.range(10, 14);
                        double l = hypot(nx - x, ny - y);
                        segment(x, y, nx, ny, 1.5, 1.0, path / speed, (path + l) / speed);
                        path += l;
                        x = nx;
                        y = ny;
                        if (i % 2 == 1) branch(x, y, an.side * (rnd.nextDouble() < 0.75 ? 1 : -1), 0, path, speed);
                    }
                }
            } else {
                double vx = SpineAnatomy.posteriorBodyMargin(tipY) + 3;
                double l0 = hypot(tipX - vx, 6);
                segment(tipX, tipY, vx, tipY - 6, 1.4, 1.0, 0, l0 / speed);
                for (int dir = -1; dir <= 1; dir += 2) { // anterior internal vertebral plexus along the bodies
                    double x = vx, y = tipY - 6, path = l0;
                    for (int i = 0; i < 5; i++) {
                        double ny = y + dir * rnd.range(11, 15);
                        double nx = SpineAnatomy.posteriorBodyMargin(ny) + 3 + rnd.range(-2, 2);
                        double l = hypot(nx - x, ny - y);
                        segment(x, y, nx, ny, 1.4, 1.0, path / speed, (path + l) / speed);
                        path += l;
                        x = nx;
                        y = ny;
                        if (i % 2 == 0) branch(x, y, -1, dir * 0.15, path, speed); // basivertebral vein into the body
                    }
                }
            }
        }

        /** A radicular or basivertebral vein of three jittered segments with one side twig. */
        private void branch(double x, double y, int dirX, double slope, double path, double speed) {
            for (int j = 0; j < 3; j++) {
                double nx = x + dirX * rnd.range(10, 16), ny = y + (slope + rnd.range(-0.35, 0.35)) * 12;
                double l = hypot(nx - x, ny - y);
                segment(x, y, nx, ny, 1.1 - 0.15 * j, 0.9, path / speed, (path + l) / speed);
                path += l;
                if (j == 1) {
                    double tx = nx + dirX * rnd.range(5, 9), ty = ny + rnd.range(-12, 12);
                    segment(nx, ny, tx, ty, 0.8, 0.8, path / speed, (path + hypot(tx - nx, ty - ny)) / speed);
                }
                x = nx;
                y = ny;
            }
        }

        ContrastSpread collect(Contrast pattern) {
            int n = 0;
            for (float d : dens.v) if (d > 0.01f) n++;
            int[] idx = new int[n];
            float[] d = new float[n], a = new float[n];
            int k = 0;
            for (int i = 0; i < dens.v.length; i++) {
                if (dens.v[i] > 0.01f) {
                    idx[k] = i;
                    d[k] = dens.v[i];
                    a[k] = arr[i];
                    k++;
                }
            }
            return new ContrastSpread(pattern, idx, d, a);
        }
    }
}
