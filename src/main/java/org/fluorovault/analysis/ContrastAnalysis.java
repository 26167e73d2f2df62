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
 */
public record ContrastAnalysis(boolean contrastDetected, Integer onsetFrame, Integer peakFrame, Double areaMm2,
                               Double craniocaudalExtentMm, Point centroid, Double washoutRatio, Pattern suggestedPattern,
                               double confidence, List<String> reasons, NeedleTip needleTip, List<Double> timeIntensity,
                               List<Point> outline, String algorithmVersion) {
    /** The suggested contrast pattern (DOMAIN.md "Contrast spread"). */
    public enum Pattern { EPIDURAL, VASCULAR, INTRATHECAL, NONE, INDETERMINATE }

    public record Point(double column, double row) {}

    /** Needle tip found in {@code frame} (1-based), with 0..1 confidence. */
    public record NeedleTip(double column, double row, int frame, double confidence) {}
}
