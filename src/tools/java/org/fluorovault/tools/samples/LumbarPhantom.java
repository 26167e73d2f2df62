package org.fluorovault.tools.samples;

import java.util.Objects;

/**
 * Synthetic fluoroscopy of the lumbar spine during an interlaminar epidural injection at
 * L4-L5, with its ground truth. Deterministic: the same settings (seed included) give the same
 * pixels on every run and JVM. No Spring, no I/O; fast enough for tests (a 512 x 512 x 30 run
 * renders in a fraction of a second).
 *
 * <p>What is drawn, in the geometry of a C-arm with the patient prone:
 * <ul>
 * <li>{@link View#AP}: soft tissue with psoas shadows and bowel gas; vertebral bodies L1-L5
 *     with cortical rims, pedicle ovals, transverse and spinous processes and laminae; sacrum
 *     with foramina and iliac wings. Patient's left is on the image right (as seen from the
 *     tube side), cranial at the top.</li>
 * <li>{@link View#LATERAL}: bodies and discs in lordosis, pedicles, articular pillars with
 *     laminae, spinous processes, sacrum, the skin of the back; anterior on the image left.</li>
 * <li>A needle in every frame: a thin straight high-attenuation line with its hub, from the
 *     skin to the L4-L5 interlaminar space, its tip in the posterior epidural space
 *     (paramedian on AP, on the side of the contrast).</li>
 * <li>Contrast from {@link #contrastOnset()} on, per {@link Contrast}.</li>
 * </ul>
 *
 * <p>Pixels are {@value #BITS_STORED}-bit unsigned values (0..{@value #MAX_VALUE}) in 16-bit
 * words. With {@link Photometric#MONOCHROME2} a higher value means more attenuation (bone,
 * needle and contrast are bright); {@link Photometric#MONOCHROME1} stores the inverse
 * ({@code 4095 - v}), which displays the same.
 *
 * <pre>{@code
 * PhantomRun run = LumbarPhantom.builder()
 *         .view(LumbarPhantom.View.AP).size(512).frames(30)
 *         .contrast(LumbarPhantom.Contrast.EPIDURAL).seed(7)
 *         .build().render();
 * short[] last = run.frame(29);
 * GroundTruth.FrameTruth t = run.truth().frame(29);  // needle tip, contrast area, extent
 * }</pre>
 */
public final class LumbarPhantom {
    /** Bits stored per pixel. */
    public static final int BITS_STORED = 12;
    /** Largest pixel value. */
    public static final int MAX_VALUE = (1 << BITS_STORED) - 1;
    /** The interlaminar level the needle targets. */
    public static final String LEVEL = "L4-L5";

    /** Projection: anteroposterior (Positioner Primary Angle 0) or lateral (90). */
    public enum View {
        AP,
        LATERAL
    }

    /** How injected contrast spreads. */
    public enum Contrast {
        /**
         * Epidural: a persistent, lumpy (vacuolated) elongated cranio-caudal band that spreads
         * from the tip over the frames to about 1.3 levels up and 0.9 down; one-sided between
         * the medial pedicle border and the lamina on AP with spill along the nerve roots, along
         * the posterior epidural space on lateral.
         */
        EPIDURAL,
        /** Intravascular: thin branching vessels that fill within about a frame and wash out within a few. */
        VASCULAR,
        /** Intrathecal: a broad, smooth, symmetric column (myelogram-like) that spreads fast and persists. */
        INTRATHECAL,
        /** No contrast. */
        NONE
    }

    /** Photometric Interpretation of the returned pixels. */
    public enum Photometric {
        MONOCHROME1,
        MONOCHROME2
    }

    private final View view;
    private final int size;
    private final int frames;
    private final Contrast contrast;
    private final int contrastOnset;
    private final double noise;
    private final double motion;
    private final Photometric photometric;
    private final long seed;

    private LumbarPhantom(Builder b) {
        this.view = b.view;
        this.size = b.size;
        this.frames = b.frames;
        this.contrast = b.contrast;
        this.contrastOnset = b.contrastOnset >= 0 ? b.contrastOnset : Math.min(3, Math.max(1, b.frames / 3));
        this.noise = b.noise;
        this.motion = b.motion;
        this.photometric = b.photometric;
        this.seed = b.seed;
        if (contrast != Contrast.NONE && contrastOnset >= frames) {
            throw new IllegalArgumentException(
                    "contrast onset " + contrastOnset + " is not before frame count " + frames);
        }
    }

    /** Settings with defaults: AP, 512, 30 frames, epidural contrast, noise 0.006, motion 3 px, MONOCHROME2, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Renders all frames and their ground truth. Each call renders anew; the result is not shared. */
    public PhantomRun render() {
        return PhantomRenderer.render(this);
    }

    public View view() {
        return view;
    }

    /** Rows = columns. */
    public int size() {
        return size;
    }

    public int frames() {
        return frames;
    }

    public Contrast contrast() {
        return contrast;
    }

    /** Index of the first frame with contrast (for {@link Contrast#NONE} the value is ignored). */
    public int contrastOnset() {
        return contrastOnset;
    }

    /** Standard deviation of the quantum noise as a fraction of full scale, at mid attenuation. */
    public double noise() {
        return noise;
    }

    /** Peak patient translation over the run, in pixels. */
    public double motion() {
        return motion;
    }

    public Photometric photometric() {
        return photometric;
    }

    public long seed() {
        return seed;
    }

    /** Settings of a {@link LumbarPhantom}. */
    public static final class Builder {
        private View view = View.AP;
        private int size = 512;
        private int frames = 30;
        private Contrast contrast = Contrast.EPIDURAL;
        private int contrastOnset = -1;
        private double noise = 0.006;
        private double motion = 3;
        private Photometric photometric = Photometric.MONOCHROME2;
        private long seed = 1;

        private Builder() {}

        public Builder view(View v) {
            this.view = Objects.requireNonNull(v);
            return this;
        }

        /** Rows and columns, 64..2048; anatomy scales with it. */
        public Builder size(int s) {
            if (s < 64 || s > 2048) throw new IllegalArgumentException("size must be 64..2048: " + s);
            this.size = s;
            return this;
        }

        /** Number of frames, 1..1000. */
        public Builder frames(int n) {
            if (n < 1 || n > 1000) throw new IllegalArgumentException("frames must be 1..1000: " + n);
            this.frames = n;
            return this;
        }

        public Builder contrast(Contrast c) {
            this.contrast = Objects.requireNonNull(c);
            return this;
        }

        /** First frame with contrast (0-based); default min(3, max(1, frames / 3)). */
        public Builder contrastOnset(int frame) {
            if (frame < 0) throw new IllegalArgumentException("onset must be >= 0: " + frame);
            this.contrastOnset = frame;
            return this;
        }

        /** Noise standard deviation as a fraction of full scale at mid attenuation, 0..0.1 (0 = none). */
        public Builder noise(double sd) {
            if (!(sd >= 0 && sd <= 0.1)) throw new IllegalArgumentException("noise must be 0..0.1: " + sd);
            this.noise = sd;
            return this;
        }

        /** Peak translation of the patient over the run in pixels, 0..20 (a slow drift plus breathing). */
        public Builder motion(double pixels) {
            if (!(pixels >= 0 && pixels <= 20))
                throw new IllegalArgumentException("motion must be 0..20 pixels: " + pixels);
            this.motion = pixels;
            return this;
        }

        public Builder photometric(Photometric p) {
            this.photometric = Objects.requireNonNull(p);
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public LumbarPhantom build() {
            return new LumbarPhantom(this);
        }
    }

    @Override
    public String toString() {
        return "LumbarPhantom[" + view + " " + size + "x" + size + "x" + frames + " " + contrast + "@" + contrastOnset
                + " noise=" + noise + " motion=" + motion + " " + photometric + " seed=" + seed + "]";
    }
}
