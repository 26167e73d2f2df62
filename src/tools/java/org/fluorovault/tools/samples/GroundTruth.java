package org.fluorovault.tools.samples;

import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link PhantomRun} shows, frame by frame, for validating image analysis.
 *
 * <p>Coordinates are in pixels of the image: {@code column} to the right, {@code row} down,
 * (0, 0) the centre of the top-left pixel. Patient motion is included: the needle tip and the
 * contrast mask move with the patient.
 *
 * <p>The contrast mask of a frame holds the pixels where the injected contrast adds at least
 * {@link #MASK_THRESHOLD} of the attenuation of a fully opacified epidural band (before noise).
 * It is placed to the nearest whole pixel of the frame's translation.
 */
public final class GroundTruth {
    /** Contrast density (1 = fully opacified band) above which a pixel belongs to the mask. */
    public static final double MASK_THRESHOLD = 0.2;

    /**
     * One frame's truth.
     *
     * @param index frame index, 0-based
     * @param needleTipColumn needle tip, column (sub-pixel)
     * @param needleTipRow needle tip, row (sub-pixel)
     * @param shiftColumn patient translation in this frame relative to the phantom's rest position, columns
     * @param shiftRow patient translation, rows
     * @param contrastArea number of pixels in the contrast mask
     * @param contrastTopRow first row of the mask (most cranial), -1 when the mask is empty
     * @param contrastBottomRow last row of the mask (most caudal), -1 when the mask is empty
     */
    public record FrameTruth(
            int index,
            double needleTipColumn,
            double needleTipRow,
            double shiftColumn,
            double shiftRow,
            int contrastArea,
            int contrastTopRow,
            int contrastBottomRow) {
        public boolean hasContrast() {
            return contrastArea > 0;
        }

        /** Cranio-caudal extent of the mask in rows (0 when empty). */
        public int contrastExtentRows() {
            return contrastArea == 0 ? 0 : contrastBottomRow - contrastTopRow + 1;
        }
    }

    private final LumbarPhantom.Contrast pattern;
    private final int contrastOnsetFrame;
    private final double levelPitch;
    private final int columns;
    private final List<FrameTruth> frames;
    private final List<BitSet> masks;

    GroundTruth(
            LumbarPhantom.Contrast pattern,
            int contrastOnsetFrame,
            double levelPitch,
            int columns,
            List<FrameTruth> frames,
            List<BitSet> masks) {
        this.pattern = pattern;
        this.contrastOnsetFrame = contrastOnsetFrame;
        this.levelPitch = levelPitch;
        this.columns = columns;
        this.frames = Collections.unmodifiableList(frames);
        this.masks = masks;
    }

    /** The interlaminar level of the needle tip: always {@value LumbarPhantom#LEVEL}. */
    public String level() {
        return LumbarPhantom.LEVEL;
    }

    public LumbarPhantom.Contrast contrastPattern() {
        return pattern;
    }

    /** The first frame with contrast, or -1 for {@link LumbarPhantom.Contrast#NONE}. */
    public int contrastOnsetFrame() {
        return contrastOnsetFrame;
    }

    /**
     * Rows between the centres of adjacent vertebral bodies: divide a cranio-caudal extent by it
     * to get the spread in levels.
     */
    public double levelPitchRows() {
        return levelPitch;
    }

    public int frameCount() {
        return frames.size();
    }

    public FrameTruth frame(int index) {
        return frames.get(index);
    }

    public List<FrameTruth> frames() {
        return frames;
    }

    /** A copy of the contrast mask of a frame; bit {@code row * columns + column}. */
    public BitSet contrastMask(int frame) {
        return (BitSet) masks.get(frame).clone();
    }

    /** Whether the pixel is in the contrast mask of the frame. */
    public boolean contrastAt(int frame, int column, int row) {
        if (column < 0 || row < 0 || column >= columns || row >= columns) return false;
        return masks.get(frame).get(row * columns + column);
    }
}
