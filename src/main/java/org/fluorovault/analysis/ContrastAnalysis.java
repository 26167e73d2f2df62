package org.fluorovault.analysis;

import java.util.List;

/**
 * A computed suggestion about one run's contrast spread, shown to people who confirm or correct
 * it. Frames are 1-based; coordinates are pixels of the stored image (column right, row down).
 * Fields that could not be computed are null, and {@link #reasons} says why.
 *
 * @param areaMm2 region area at the peak frame in the patient plane
 * @param craniocaudalExtentMm rows spanned by the region at the peak frame (cranial assumed up), patient plane
 * @param washoutRatio contrast in the region on the last frame relative to the peak frame
 * @param confidence 0..1 for {@link #suggestedPattern}
 * @param timeIntensity mean subtracted intensity inside the region per frame (stored-value units)
 * @param outline the region at the peak frame as a closed polygon (last vertex joins the first), in
 *        image coordinates with 0,0 at the top left corner of the top left pixel; empty without contrast
 * @param polarity which direction of the stored values the analysis took as "more attenuation"
 * @param polaritySource what decided it: the object's attributes, the image itself, or the configuration
 */
public record ContrastAnalysis(
        boolean contrastDetected,
        Integer onsetFrame,
        Integer peakFrame,
        Double areaMm2,
        Double craniocaudalExtentMm,
        Point centroid,
        Double washoutRatio,
        Pattern suggestedPattern,
        double confidence,
        List<String> reasons,
        NeedleTip needleTip,
        List<Double> timeIntensity,
        List<Point> outline,
        Polarity polarity,
        PolaritySource polaritySource,
        String algorithmVersion) {
    /** Confidence below which a result is shown as needing human judgement (docs/analysis.md, calibration). */
    public static final double NEEDS_JUDGEMENT_BELOW = 0.5;

    /**
     * Which stored values mean more attenuation (bone, needle, contrast). {@code UNDECIDED}: neither the
     * attributes nor the image settled it; the analysis then measured as displayed and says INDETERMINATE.
     */
    public enum Polarity {
        HIGH_IS_ATTENUATION,
        LOW_IS_ATTENUATION,
        UNDECIDED
    }

    /** What decided the polarity (issue 11): Pixel Intensity Relationship (Sign), the image, or a per-station setting. */
    public enum PolaritySource {
        ATTRIBUTES,
        IMAGE,
        CONFIGURED
    }

    /** The suggested contrast pattern (DOMAIN.md "Contrast spread"). */
    public enum Pattern {
        EPIDURAL,
        VASCULAR,
        INTRATHECAL,
        NONE,
        INDETERMINATE
    }

    public record Point(double column, double row) {}

    /** Needle tip found in {@code frame} (1-based), with 0..1 confidence. */
    public record NeedleTip(double column, double row, int frame, double confidence) {}
}
