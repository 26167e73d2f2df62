package org.fluorovault.analysis.internal;

import java.util.Locale;
import org.fluorovault.analysis.ContrastAnalysis.Polarity;
import org.fluorovault.analysis.ContrastAnalysis.PolaritySource;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;

/**
 * Which direction of the stored values means more attenuation. The standard first: Pixel Intensity
 * Relationship (0028,1040) LIN or LOG says the stored values follow the X-ray intensity reaching the
 * detector (PS3.3 C.8.7.1.1), so lower values are more attenuation, unless Pixel Intensity
 * Relationship Sign (0028,1041) is -1 (higher values = less intensity). DISP, or neither attribute,
 * leaves it to the image: the needle (a thin line of high attenuation) and the first lasting change
 * over an area (contrast arriving) must point the same way.
 */
final class PolarityRule {
    /** A decision and the rule that made it, in words for the result's reasons. */
    record Decision(Polarity polarity, PolaritySource source, String reason) {
        boolean decided() {
            return polarity != Polarity.UNDECIDED;
        }

        /** True when lower stored values are to be turned round so that attenuation is high. */
        boolean invert(boolean monochrome1) {
            return polarity == Polarity.LOW_IS_ATTENUATION || (polarity == Polarity.UNDECIDED && monochrome1);
        }
    }

    /** Needle score in one orientation over the other's beyond which the needle settles the polarity. */
    static final double NEEDLE_RATIO = 1.5;

    private PolarityRule() {}

    /** The decision from the attributes, or null when they leave it open (DISP, or absent). */
    static Decision fromAttributes(Attributes ds) {
        String pir = ds.getString(Tags.PixelIntensityRelationship, "").trim().toUpperCase(Locale.ROOT);
        int sign = ds.getInt(Tags.PixelIntensityRelationshipSign, 0);
        if (pir.equals("LIN") || pir.equals("LOG")) {
            if (sign == -1) {
                return new Decision(
                        Polarity.HIGH_IS_ATTENUATION,
                        PolaritySource.ATTRIBUTES,
                        "Pixel Intensity Relationship " + pir
                                + " with Sign -1: higher stored values are less X-ray intensity, i.e. more attenuation");
            }
            return new Decision(
                    Polarity.LOW_IS_ATTENUATION,
                    PolaritySource.ATTRIBUTES,
                    "Pixel Intensity Relationship " + pir
                            + (sign == 1 ? " with Sign +1" : "")
                            + ": stored values follow the X-ray intensity at the detector,"
                            + " so lower values are more attenuation (PS3.3 C.8.7.1.1)");
        }
        if (sign == 1 || sign == -1) {
            return new Decision(
                    sign == 1 ? Polarity.LOW_IS_ATTENUATION : Polarity.HIGH_IS_ATTENUATION,
                    PolaritySource.ATTRIBUTES,
                    "Pixel Intensity Relationship Sign " + (sign == 1 ? "+1: lower" : "-1: higher")
                            + " stored values are less X-ray intensity"
                            + (pir.isEmpty() ? "" : " (relationship " + pir + ")"));
        }
        return null;
    }

    static Decision configured(Polarity p, String station) {
        return new Decision(
                p,
                PolaritySource.CONFIGURED,
                "polarity configured for " + station + ": " + (p == Polarity.HIGH_IS_ATTENUATION ? "higher" : "lower")
                        + " stored values are more attenuation");
    }

    /**
     * From the image: {@code needleHigh}/{@code needleLow} are the needle scores with high and with low
     * values taken as attenuation (0 when none), {@code changeSign} the direction of the first lasting
     * change over an area (+1 towards higher values, -1 lower, 0 none).
     */
    static Decision fromImage(String why, double needleHigh, double needleLow, int changeSign) {
        int needle = 0;
        if (needleHigh > 0 && needleHigh >= NEEDLE_RATIO * needleLow) needle = 1;
        else if (needleLow > 0 && needleLow >= NEEDLE_RATIO * needleHigh) needle = -1;
        String seen = String.format(
                Locale.ROOT,
                "needle score %.0f as bright, %.0f as dark; first lasting change %s",
                needleHigh,
                needleLow,
                changeSign > 0 ? "towards higher values" : changeSign < 0 ? "towards lower values" : "none");
        if (needle != 0 && changeSign != 0 && needle != changeSign) {
            return new Decision(
                    Polarity.UNDECIDED, PolaritySource.IMAGE, why + "; the image is contradictory (" + seen + ")");
        }
        int vote = needle != 0 ? needle : changeSign;
        if (vote == 0) {
            return new Decision(
                    Polarity.UNDECIDED, PolaritySource.IMAGE, why + "; the image does not tell either (" + seen + ")");
        }
        String rule = needle != 0 && changeSign != 0
                ? "the needle and the contrast change agree"
                : needle != 0
                        ? "decided by the needle alone"
                        : "decided by the contrast change alone (no clear needle)";
        return new Decision(
                vote > 0 ? Polarity.HIGH_IS_ATTENUATION : Polarity.LOW_IS_ATTENUATION,
                PolaritySource.IMAGE,
                why + "; from the image: " + (vote > 0 ? "higher" : "lower") + " values are attenuation, " + rule + " ("
                        + seen + ")");
    }
}
