package org.fluorovault.analysis.sim;

import java.util.SplittableRandom;

/**
 * The randomised parameters of one synthetic run of the second phantom family (written apart from
 * {@code tools.samples}: its own anatomy, physics and encodings). Everything is drawn from one seed.
 * Lengths in mm in the patient plane; A is attenuation (line integral of mu, dimensionless).
 */
record SimCase(
        long seed,
        Encoding encoding,
        View view,
        Truth truth,
        int matrix,
        int frames,
        double pixelMm,
        double sod,
        double spacing,
        double bodyWidth,
        int level,
        double tiltDeg,
        double obliquityDeg,
        double gaugeMm,
        double needleAngleDeg,
        int side,
        double needleLengthMm,
        double dilution,
        double volume,
        double exitCounts,
        double electronicSigma,
        double drift,
        boolean driftStep,
        double motionPx,
        double shutter,
        boolean intensifierCircle,
        boolean burnedInText,
        int onset,
        double spreadMmPerFrame) {

    /** How stored values relate to the X-ray intensity (the family). */
    enum Encoding {
        /** PIR LIN, MONOCHROME2: stored proportional to intensity (attenuation dark). */
        LIN,
        /** PIR LOG, MONOCHROME2: stored proportional to log intensity (attenuation dark). */
        LOG,
        /** PIR DISP, MONOCHROME2, display-ready with attenuation bright. */
        DISP_BRIGHT,
        /** PIR DISP or absent, MONOCHROME2, display-ready with attenuation dark (fluoroscopy look). */
        DISP_DARK,
        /** No PIR, MONOCHROME1: low values are attenuation and are displayed white. */
        MONOCHROME1
    }

    enum View {
        AP,
        LATERAL
    }

    enum Truth {
        EPIDURAL,
        VASCULAR,
        INTRATHECAL,
        NONE
    }

    static SimCase random(long seed, Encoding enc) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + enc.ordinal());
        View view = r.nextBoolean() ? View.AP : View.LATERAL;
        Truth truth = Truth.values()[r.nextInt(4)];
        double u = r.nextDouble();
        int matrix = u < 0.15 ? 256 : u < 0.85 ? 512 : 1024;
        int frames = 12 + r.nextInt(37); // 12..48
        double fov = uniform(r, 190, 250);
        double pixelMm = fov / matrix;
        double spacing = uniform(r, 30, 40);
        double[] gauges = {1.47, 1.27, 0.91, 0.72}; // 17, 18, 20, 22 G
        int onset = 3 + r.nextInt(Math.max(1, frames / 3 - 2));
        return new SimCase(
                seed,
                enc,
                view,
                truth,
                matrix,
                frames,
                pixelMm,
                uniform(r, 700, 800),
                spacing,
                uniform(r, 40, 55),
                r.nextInt(3),
                uniform(r, -6, 6),
                uniform(r, -20, 20),
                gauges[r.nextInt(4)],
                uniform(r, 10, 55),
                r.nextBoolean() ? 1 : -1,
                uniform(r, 35, 75),
                uniform(r, 0.5, 1.0),
                uniform(r, 0.6, 1.4),
                uniform(r, 300, 3000),
                uniform(r, 0.5, 4),
                r.nextDouble() < 0.4 ? uniform(r, -0.2, 0.2) : 0,
                r.nextBoolean(),
                uniform(r, 0, 5) * matrix / 512.0,
                r.nextDouble() < 0.5 ? uniform(r, 0.03, 0.12) : 0,
                r.nextDouble() < 0.25,
                r.nextDouble() < 0.5,
                onset,
                uniform(r, 4, 10));
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
