package org.fluorovault.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;

/**
 * The suggested pattern from time course and shape (DOMAIN.md, "Contrast spread"): vascular
 * washes out within seconds; intrathecal is a broad, smooth, filled column; epidural is a
 * persistent, elongated cranio-caudal band with a ragged (vacuolated) outline.
 */
final class PatternRules {
    /** Cranio-caudal spread beyond which epidural flow is unusual (about three lumbar levels). */
    static final double LONG_SPREAD_MM = 120;

    private PatternRules() {}

    static Suggestion suggest(double washout, int riseFrames, Shape s, double extentMm, double areaMm2) {
        List<String> r = new ArrayList<>();
        String shape = String.format(
                "region %.0f mm cranio-caudal, %.0f mm2, elongation %.1f, outline roughness %.1f,"
                        + " fills %.0f%% of its bounding box",
                extentMm, areaMm2, s.elongation(), s.roughness(), 100 * s.fill());
        if (washout < 0.45) {
            r.add(String.format("contrast washes out: %.0f%% of the peak remains on the last frame", 100 * washout));
            r.add("peak reached " + riseFrames + " frame(s) after contrast appeared");
            r.add(shape);
            double c = 0.6 + 0.4 * Math.min(1, (0.45 - washout) / 0.35);
            r.add("intravascular uptake is the expected reading: reposition and confirm again");
            return new Suggestion(Pattern.VASCULAR, c, r);
        }
        r.add(String.format("contrast persists: %.0f%% of the peak remains on the last frame", 100 * washout));
        r.add(shape);
        boolean elongated = s.elongation() >= 1.8 && s.verticality() >= 0.7;
        boolean smooth = s.roughness() < 3.0 && s.fill() >= 0.6;
        boolean ragged = s.roughness() >= 3.0 || s.fill() < 0.5;
        boolean long_ = extentMm > LONG_SPREAD_MM;
        if (smooth && elongated) {
            r.add("a smooth, filled column (myelogram-like) suggests intrathecal spread");
            return new Suggestion(Pattern.INTRATHECAL, long_ ? 0.8 : 0.6, r);
        }
        if (long_ && elongated) {
            r.add(String.format(
                    "spread over more than %.0f mm (about three levels) suggests intrathecal flow;"
                            + " epidural spread usually covers one to two levels",
                    LONG_SPREAD_MM));
            return new Suggestion(Pattern.INTRATHECAL, 0.6, r);
        }
        if (elongated && ragged) {
            r.add("an elongated cranio-caudal band with a ragged (vacuolated) outline suggests epidural spread");
            return new Suggestion(Pattern.EPIDURAL, 0.75, r);
        }
        r.add("the shape fits neither an epidural band nor an intrathecal column clearly");
        return new Suggestion(Pattern.INDETERMINATE, 0.4, r);
    }
}
