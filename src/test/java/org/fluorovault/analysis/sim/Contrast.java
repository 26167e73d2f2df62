package org.fluorovault.analysis.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Contrast of the second family as a density (attenuation when filled) and the frame at which each
 * point fills: epidural a ragged band on one side (both in 16%) with vacuoles and root sleeves,
 * 0.4-1.8 levels up and down (lateral: the dorsal line, the ventral one too in 36%); intrathecal a
 * smooth column over 3.2-5 levels; vascular a branching tree that fills within a frame or two and
 * washes out with a time constant of 1.5-4 frames. Density scales with dilution and volume.
 */
final class Contrast {
    private final SimCase c;
    private final SimAnatomy an;
    private final double a0, up, down, hw, offset, ph1, ph2, speed, tau;
    private final boolean both, ventral;
    private final List<double[]> holes = new ArrayList<>(), segments = new ArrayList<>();

    Contrast(SimCase c, SimAnatomy an, SplittableRandom r) {
        this.c = c;
        this.an = an;
        a0 = 0.3 * c.dilution() * c.volume();
        double s = c.spacing();
        boolean it = c.truth() == SimCase.Truth.INTRATHECAL;
        up = (it ? 1.6 + 0.9 * r.nextDouble() : 0.6 + 1.2 * r.nextDouble()) * s * Math.sqrt(c.volume());
        down = (it ? 1.6 + 0.9 * r.nextDouble() : 0.4 + 0.8 * r.nextDouble()) * s * Math.sqrt(c.volume());
        hw = it ? c.bodyWidth() * (0.22 + 0.1 * r.nextDouble()) : 4 + 4 * r.nextDouble();
        offset = c.side() * (3 + 5 * r.nextDouble());
        ph1 = r.nextDouble() * 6.28;
        ph2 = r.nextDouble() * 6.28;
        both = r.nextDouble() < 0.16;
        ventral = r.nextDouble() < 0.36;
        speed = c.spreadMmPerFrame() * (it ? 2 : 1);
        tau = 1.5 + 2.5 * r.nextDouble();
        for (int i = 0; i < 5 + r.nextInt(10); i++) {
            holes.add(new double[] {
                (r.nextDouble() - 0.5) * 2 * hw, -up + r.nextDouble() * (up + down), 1.5 + 1.5 * r.nextDouble()
            });
        }
        if (c.truth() == SimCase.Truth.VASCULAR) {
            int branches = 2 + r.nextInt(3);
            for (int b = 0; b < branches; b++)
                walk(r, an.tipX, an.tipY, r.nextDouble() * 6.28, 10 + r.nextInt(10), 1 + 1.2 * r.nextDouble(), 0);
        }
    }

    private void walk(SplittableRandom r, double x, double y, double dir, int steps, double width, double dist) {
        for (int k = 0; k < steps; k++) {
            dir += (r.nextDouble() - 0.5) * 0.8;
            double nx = x + 3 * Math.cos(dir), ny = y + 3 * Math.sin(dir);
            segments.add(new double[] {x, y, nx, ny, width, dist});
            dist += 3;
            x = nx;
            y = ny;
            if (r.nextDouble() < 0.08 && width > 0.8)
                walk(r, x, y, dir + (r.nextBoolean() ? 0.9 : -0.9), steps / 2, width * 0.7, dist);
        }
    }

    double start() {
        return c.truth() == SimCase.Truth.NONE ? Double.POSITIVE_INFINITY : c.onset();
    }

    /** Density (attenuation when filled) at a point. */
    double density(double x, double y) {
        if (c.truth() == SimCase.Truth.NONE) return 0;
        if (c.truth() == SimCase.Truth.VASCULAR) {
            double best = 0;
            for (double[] s : segments) {
                double d = distance(x, y, s);
                if (d < 2 * s[4]) best = Math.max(best, Math.exp(-d * d / (2 * sq(s[4] / 2))));
            }
            return 1.2 * a0 * best;
        }
        double u = an.u(x, y) - an.u(an.tipX, an.tipY), v = an.v(x, y) - an.v(an.tipX, an.tipY);
        if (v < -up - 3 || v > down + 3) return 0;
        double ends = SimAnatomy.edge(Math.min(v + up, down - v), 3);
        if (c.truth() == SimCase.Truth.INTRATHECAL) {
            double uc = c.view() == SimCase.View.AP ? u + an.u(an.tipX, an.tipY) : u + an.posteriorEpidural() - 8;
            double half = c.view() == SimCase.View.AP ? hw : 6.5;
            return 0.8 * a0 * SimAnatomy.edge(half - Math.abs(uc), 2) * ends * (0.9 + 0.1 * Math.cos(v / 40));
        }
        // epidural: ragged band(s)
        double wob = 1 + 0.35 * Math.sin(v / 7 + ph1) + 0.25 * Math.sin(v / 3.1 + ph2);
        double d;
        if (c.view() == SimCase.View.AP) {
            double centre = offset + 2 * Math.sin(v / 25 + ph2);
            d = hw * wob - Math.abs(u - centre);
            if (both) d = Math.max(d, hw * wob - Math.abs(u + centre));
            // root sleeves at each level, going down and out
            double lv = ((v % c.spacing()) + c.spacing()) % c.spacing();
            double lu = Math.abs(u) - Math.abs(offset) - hw;
            if (lu > 0 && lu < 14 && Math.abs(lv - 0.4 * c.spacing() - 0.5 * lu) < 1.8 && (both || u * c.side() > 0))
                d = Math.max(d, 1);
        } else {
            double t = 2 + 1.5 * wob;
            d = t - Math.abs(u);
            if (ventral) d = Math.max(d, 1.5 * wob - Math.abs(u + 13 + 1.5)); // along the back of the bodies
        }
        if (d <= 0) return 0;
        double dens = a0 * SimAnatomy.edge(d, 1.2) * ends;
        for (double[] h : holes) {
            if (sq(u - (c.view() == SimCase.View.AP ? offset + h[0] / 2 : h[0] / 4)) + sq(v - h[1]) < h[2] * h[2])
                dens *= 0.3;
        }
        return dens;
    }

    /** The frame at which a point fills (fractional). */
    double fill(double x, double y) {
        if (c.truth() == SimCase.Truth.VASCULAR) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] s : segments) if (distance(x, y, s) < 2 * s[4]) best = Math.min(best, s[5]);
            return c.onset() + best / 40;
        }
        double u = an.u(x, y) - an.u(an.tipX, an.tipY), v = an.v(x, y) - an.v(an.tipX, an.tipY);
        return c.onset() + (Math.abs(v) + 0.5 * Math.abs(u)) / speed;
    }

    /** How much of the density is there at {@code frame} for a point that fills at {@code fill}. */
    double amount(double frame, double fill) {
        double m = Math.max(0, Math.min(1, (frame - fill + 1) / 1.5));
        if (c.truth() == SimCase.Truth.VASCULAR) m *= Math.exp(-Math.max(0, frame - c.onset() - 2) / tau);
        else m *= 1 - 0.1 * Math.min(1, Math.max(0, frame - fill) / 20);
        return m;
    }

    double at(double x, double y, double frame) {
        double d = density(x, y);
        return d == 0 ? 0 : d * amount(frame, fill(x, y));
    }

    private static double distance(double x, double y, double[] s) {
        double dx = s[2] - s[0], dy = s[3] - s[1], l2 = dx * dx + dy * dy;
        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - s[0]) * dx + (y - s[1]) * dy) / l2));
        return Math.hypot(x - s[0] - t * dx, y - s[1] - t * dy);
    }

    private static double sq(double v) {
        return v * v;
    }
}
