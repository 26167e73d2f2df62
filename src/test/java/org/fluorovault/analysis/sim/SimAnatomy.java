package org.fluorovault.analysis.sim;

import java.util.SplittableRandom;

/**
 * Patient-fixed attenuation of the second family: soft tissue with psoas shadows and bowel gas,
 * vertebrae (bodies with cortex, pedicles, laminae with an interlaminar window, spinous and
 * transverse processes in AP; bodies, discs, canal and posterior arch in lateral), a sacrum below
 * L5-S1, the needle (Gaussian cross-section holding the steel's mass per length), and the contrast
 * density with the frame at which each point fills. All in mm; {@link #tipX}/{@link #tipY} is the tip.
 */
final class SimAnatomy {
    final SimCase c;
    final double fov, cx, cy, tipX, tipY;
    private final double cosT, sinT;
    private final double[][] gas; // x, y, rx, ry, a
    private final double dirX, dirY; // unit vector from the tip towards the hub
    private final Contrast contrast;

    SimAnatomy(SimCase c) {
        this.c = c;
        SplittableRandom r = new SplittableRandom(c.seed() * 31 + 7);
        fov = c.matrix() * c.pixelMm();
        cx = fov / 2 + (r.nextDouble() - 0.5) * 30;
        // the target interspace sits near the image centre; the level moves the spine up or down a little
        cy = fov / 2 + (r.nextDouble() - 0.5) * 30 + (c.level() - 1) * 6;
        double t = Math.toRadians(c.tiltDeg());
        cosT = Math.cos(t);
        sinT = Math.sin(t);
        gas = new double[3 + r.nextInt(6)][];
        for (int i = 0; i < gas.length; i++) {
            gas[i] = new double[] {
                r.nextDouble() * fov,
                r.nextDouble() * fov,
                5 + 15 * r.nextDouble(),
                5 + 15 * r.nextDouble(),
                -0.1 - 0.2 * r.nextDouble()
            };
        }
        // tip: in the interlaminar window (AP: a few mm off the midline on the approach side; lateral: the
        // posterior epidural space just in front of the laminae)
        double tu = c.view() == SimCase.View.AP ? c.side() * (1 + 5 * r.nextDouble()) : posteriorEpidural();
        double tv = c.spacing() * (0.1 + 0.15 * r.nextDouble());
        tipX = cx + tu * cosT - tv * sinT;
        tipY = cy + tu * sinT + tv * cosT;
        // the needle comes from caudal, tilted towards its side (AP) or from posterior (lateral)
        double a = Math.toRadians(c.needleAngleDeg());
        double ux = c.view() == SimCase.View.AP ? c.side() * Math.sin(a) : Math.sin(a), uy = Math.cos(a);
        dirX = ux;
        dirY = uy;
        contrast = new Contrast(c, this, r);
    }

    /** Lateral view: the anterior-posterior coordinate of the posterior epidural space (anterior is left). */
    double posteriorEpidural() {
        return c.bodyWidth() * 0.35 + 13;
    }

    /** Spine coordinates of an image point: u across (AP: patient's side; lateral: anterior-posterior), v down. */
    double u(double x, double y) {
        return (x - cx) * cosT + (y - cy) * sinT;
    }

    double v(double x, double y) {
        return -(x - cx) * sinT + (y - cy) * cosT;
    }

    /** Patient-fixed attenuation (without contrast) at an image point in mm. */
    double attenuation(double x, double y) {
        double u = u(x, y), v = v(x, y);
        double a = 1.8 + 0.3 * Math.pow((x - fov / 2) / fov, 2);
        for (double[] g : gas) {
            double d = sq((x - g[0]) / g[2]) + sq((y - g[1]) / g[3]);
            if (d < 1) a += g[4] * (1 - d);
        }
        a += c.view() == SimCase.View.AP ? spineAp(u, v) : spineLateral(u, v);
        return a + needle(x, y);
    }

    private double spineAp(double u, double v) {
        double s = c.spacing(), w = c.bodyWidth(), a = 0;
        double ob = Math.sin(Math.toRadians(c.obliquityDeg())) * 35,
                squeeze = Math.cos(Math.toRadians(c.obliquityDeg()));
        // psoas
        a += 0.15 * soft(Math.abs(Math.abs(u) - 0.9 * w) / 18);
        for (int j = -3; j <= 3; j++) {
            double vj = (j - 0.5) * s;
            boolean sacrum = c.level() == 2 && j >= 1;
            double bw = sacrum ? w * (1.3 - 0.15 * (j - 1)) : w, bh = 0.72 * s;
            // body: a cylinder seen side on, with a brighter cortex
            double du = Math.abs(u) / (bw / 2), dv = Math.abs(v - vj) / (bh / 2);
            if (du < 1 && dv < 1) {
                a += 0.6 * Math.sqrt(1 - du * du) * edge(1 - dv, 0.1);
                if (du > 0.9 || dv > 0.9) a += 0.12;
            }
            if (sacrum) continue;
            // pedicles: rings
            for (int side = -1; side <= 1; side += 2) {
                double pu = ob + side * 0.32 * w * squeeze, pv = vj - 0.15 * s;
                double d = Math.sqrt(sq((u - pu) / 6) + sq((v - pv) / 8));
                if (d < 1) a += d > 0.65 ? 0.35 : 0.15;
                // transverse process
                double tu = Math.abs(u - ob) - 0.45 * w;
                if (side * (u - ob) > 0 && tu > 0 && tu < 0.45 * w && Math.abs(v - (vj - 0.1 * s)) < 4) a += 0.2;
            }
            // laminae, with the interlaminar window below them
            double lu = Math.abs(u - ob);
            if (lu < 0.35 * w && v > vj - 0.25 * s && v < vj + 0.5 * s) a += 0.25 * edge(0.35 * w - lu, 3);
            // spinous process
            double su = Math.abs(u - ob * 1.4), sv = (v - (vj + 0.1 * s)) / (0.5 * s);
            if (sv > 0 && sv < 1 && su < 5 * (1 - 0.5 * sv)) a += 0.3;
        }
        return a;
    }

    private double spineLateral(double u, double v) {
        double s = c.spacing(), depth = c.bodyWidth() * 0.7, a = 0;
        for (int j = -3; j <= 3; j++) {
            double vj = (j - 0.5) * s;
            double bh = 0.72 * s, du = Math.abs(u) / (depth / 2), dv = Math.abs(v - vj) / (bh / 2);
            if (du < 1 && dv < 1) {
                a += 0.7 * edge(1 - du, 0.08) * edge(1 - dv, 0.1);
                if (du > 0.88 || dv > 0.88) a += 0.15;
            }
            // pedicle behind the body's upper half, then the canal, then laminae and the spinous process
            double pu = u - depth / 2;
            if (pu > 0 && pu < 12 && v > vj - 0.35 * s && v < vj + 0.05 * s) a += 0.35;
            double back = u - posteriorEpidural();
            if (back > 1 && back < 45 - 0.3 * Math.abs(v - vj - 0.2 * s) && v > vj - 0.2 * s && v < vj + 0.55 * s) {
                a += back < 8 ? 0.3 : 0.2;
            }
        }
        return a;
    }

    private double needle(double x, double y) {
        double px = x - tipX, py = y - tipY;
        double along = px * dirX + py * dirY, across = Math.abs(-px * dirY + py * dirX);
        if (along < -1 || along > c.needleLengthMm() + 20) return 0;
        double r = c.gaugeMm() / 2, sigma = Math.max(r / 1.5, 0.45 * c.pixelMm());
        double mass = 1.0 * Math.PI * r * r; // steel, about 1 per mm at these energies
        double a = mass / (Math.sqrt(2 * Math.PI) * sigma) * Math.exp(-across * across / (2 * sigma * sigma));
        if (along < 0) a *= Math.max(0, 1 + along); // the tip ends within a mm
        if (along > c.needleLengthMm()) a = across < 4 ? 0.9 : 0; // the hub
        return a;
    }

    /** Contrast attenuation at a point and time (frames, fractional). */
    double contrast(double x, double y, double frame) {
        return contrast.at(x, y, frame);
    }

    /** The frame (0-based, fractional) at which contrast starts; +infinity without contrast. */
    double contrastStart() {
        return contrast.start();
    }

    static double sq(double v) {
        return v * v;
    }

    /** 0 outside, rising to 1 over {@code width} inside ({@code d} is the distance inside). */
    static double edge(double d, double width) {
        return Math.max(0, Math.min(1, d / width));
    }

    static double soft(double d) {
        return d >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * d));
    }
}
