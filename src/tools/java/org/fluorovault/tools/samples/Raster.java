package org.fluorovault.tools.samples;

/**
 * A square float map (attenuation or contrast density) with soft-edged drawing primitives.
 * Values are added, as line integrals of overlapping structures add up in a projection. Edges
 * are smoothed over about one pixel, so shapes are anti-aliased at any image size.
 */
final class Raster {
    final int width;
    final float[] v;

    Raster(int width) {
        this.width = width;
        this.v = new float[width * width];
    }

    /** A shape's value at a pixel, added with {@link #add}. */
    interface Shader {
        /** @param inside 0 at the edge, 1 well inside (already anti-aliased); r is the normalised radius */
        double value(int x, int y, double r, double inside);
    }

    /**
     * An ellipse ({@code exponent} 2) or rounded rectangle (exponent 4) of half-axes {@code a},
     * {@code b}, rotated by {@code angle} radians, shaded by {@code shader}.
     */
    void addSuperEllipse(double cx, double cy, double a, double b, double angle, int exponent, Shader shader) {
        addSuperEllipse(cx, cy, a, b, angle, exponent, 0, shader);
    }

    /**
     * As {@link #addSuperEllipse(double, double, double, double, double, int, Shader)}, with the
     * sides drawn in by {@code waist} (a fraction of {@code a}) at mid-height, like the concave
     * flanks of a vertebral body.
     */
    void addSuperEllipse(
            double cx, double cy, double a, double b, double angle, int exponent, double waist, Shader shader) {
        double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
        double reach = Math.max(a, b) + 2;
        int x0 = Math.max(0, (int) (cx - reach)), x1 = Math.min(width - 1, (int) (cx + reach) + 1);
        int y0 = Math.max(0, (int) (cy - reach)), y1 = Math.min(width - 1, (int) (cy + reach) + 1);
        double edge = 1.2 / Math.min(a, b); // anti-aliasing width in units of the normalised radius
        for (int y = y0; y <= y1; y++) {
            double dy = y - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x - cx;
                double u = (dx * cos + dy * sin) / a, w = (-dx * sin + dy * cos) / b;
                if (waist != 0) u /= 1 - waist * Math.max(0, 1 - w * w);
                double r =
                        exponent == 2 ? Math.sqrt(u * u + w * w) : Math.sqrt(Math.sqrt(u * u * u * u + w * w * w * w));
                if (r >= 1 + edge) continue;
                double inside = smooth((1 + edge - r) / (2 * edge));
                double val = shader.value(x, y, r, inside);
                if (val != 0) v[y * width + x] += (float) val;
            }
        }
    }

    /** A filled ellipse with a dome profile (thicker in the middle), amplitude at the centre. */
    void addEllipse(double cx, double cy, double a, double b, double angle, double amplitude) {
        addSuperEllipse(cx, cy, a, b, angle, 2, (x, y, r, in) -> amplitude * in * Math.sqrt(Math.max(0.05, 1 - r * r)));
    }

    /** A rounded rectangle of nearly flat profile with an optional brighter rim (cortical bone). */
    void addBlock(double cx, double cy, double a, double b, double angle, double amplitude, double rim) {
        addBlock(cx, cy, a, b, angle, 0, amplitude, rim);
    }

    /** A rounded rectangle with concave sides ({@code waist}, see above) and a brighter rim. */
    void addBlock(double cx, double cy, double a, double b, double angle, double waist, double amplitude, double rim) {
        addSuperEllipse(
                cx,
                cy,
                a,
                b,
                angle,
                4,
                waist,
                (x, y, r, in) -> in
                        * (amplitude * (0.8 + 0.2 * Math.sqrt(Math.max(0, 1 - r * r)))
                                + rim * Math.max(0, 1 - Math.abs(r - 0.92) / 0.1)));
    }

    /** An elliptic ring (a pedicle seen end-on): bright rim, faint centre. */
    void addRing(double cx, double cy, double a, double b, double amplitude) {
        addSuperEllipse(
                cx,
                cy,
                a,
                b,
                0,
                2,
                (x, y, r, in) -> in * amplitude * (0.25 + Math.max(0, 1 - Math.abs(r - 0.8) / 0.25)));
    }

    /**
     * A cylinder of {@code radius} between two points (a needle or vessel): profile of its
     * projected thickness. Radii below 0.8 pixel are drawn 0.8 wide with the amplitude scaled
     * down, which keeps the total attenuation of the line.
     */
    void addSegment(double x0, double y0, double x1, double y1, double radius, double amplitude) {
        double r = Math.max(radius, 0.8);
        double amp = amplitude * Math.min(1, radius / r);
        double ex = x1 - x0, ey = y1 - y0, len2 = ex * ex + ey * ey;
        int bx0 = Math.max(0, (int) (Math.min(x0, x1) - r - 2)),
                bx1 = Math.min(width - 1, (int) (Math.max(x0, x1) + r + 2));
        int by0 = Math.max(0, (int) (Math.min(y0, y1) - r - 2)),
                by1 = Math.min(width - 1, (int) (Math.max(y0, y1) + r + 2));
        for (int y = by0; y <= by1; y++) {
            for (int x = bx0; x <= bx1; x++) {
                double t = len2 == 0 ? 0 : ((x - x0) * ex + (y - y0) * ey) / len2;
                t = Math.max(0, Math.min(1, t));
                double dx = x - (x0 + t * ex), dy = y - (y0 + t * ey);
                double d = Math.sqrt(dx * dx + dy * dy);
                if (d >= r + 0.5) continue;
                double q = Math.min(d, r) / r;
                double profile = Math.sqrt(Math.max(0, 1 - q * q)) * smooth(r + 0.5 - d);
                v[y * width + x] += (float) (amp * Math.max(profile, 0.25 * smooth(r + 0.5 - d)));
            }
        }
    }

    /** Smoothstep of t clamped to [0, 1]. */
    static double smooth(double t) {
        if (t <= 0) return 0;
        if (t >= 1) return 1;
        return t * t * (3 - 2 * t);
    }
}
