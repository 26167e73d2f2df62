package org.fluorovault.evidence;

import static org.fluorovault.evidence.EvidenceEvaluator.Outcome;
import static org.fluorovault.evidence.EvidenceEvaluator.in;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.fluorovault.evidence.EvidenceFacts.AnalysisSuggestion;
import org.fluorovault.evidence.EvidenceFacts.ImageAnnotation;
import org.fluorovault.evidence.EvidenceFacts.LinkedImage;

/** R1-R4 and R11: the rules about the images themselves and what people confirmed on them. */
final class ImagingChecks {
    private static final Set<String> SIDE_VIEWS = Set.of("LATERAL", "CONTRALATERAL_OBLIQUE");
    private static final Set<String> VASCULAR = Set.of("VASCULAR", "VASCULAR_REPOSITIONED");

    private final Set<String> guidanceModalities;
    private final Set<String> lumbarSacralLevels;

    ImagingChecks(RuleSet ruleSet) {
        this.guidanceModalities = Set.copyOf(ruleSet.guidanceModalities());
        this.lumbarSacralLevels = Set.copyOf(ruleSet.lumbarSacralLevels());
    }

    /** R1: fluoroscopy or CT images are linked. */
    Outcome guidance(EvidenceFacts f, RuleSet.RuleDefinition d) {
        List<LinkedImage> guidance = guidanceImages(f);
        if (!guidance.isEmpty()) {
            Map<String, List<LinkedImage>> bySeries = guidance.stream()
                    .collect(Collectors.groupingBy(
                            LinkedImage::seriesInstanceUid, LinkedHashMap::new, Collectors.toList()));
            List<Evidence> ev = bySeries.values().stream()
                    .map(s -> new Evidence(
                            "SERIES",
                            s.get(0).seriesInstanceUid(),
                            s.get(0).modality() + " series, " + s.size() + " image(s)"))
                    .toList();
            String modalities = guidance.stream()
                    .map(LinkedImage::modality)
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining(", "));
            return Outcome.pass(
                    guidance.size() + " image(s) from " + modalities + " in " + bySeries.size()
                            + " series are linked to the procedure",
                    ev);
        }
        Set<String> others = f.images().stream()
                .map(LinkedImage::modality)
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (others.contains("US")
                && others.stream().noneMatch(guidanceModalities::contains)
                && others.stream()
                        .allMatch(m -> m.equals("US") || m.equals("SR") || m.equals("KO") || m.equals("PR"))) {
            return Outcome.fail(
                    "Only ultrasound images are linked: ultrasound guidance does not meet 62323 "
                            + "(fluoroscopy or CT); the procedure as documented matches 62322, not 62323",
                    List.of());
        }
        return Outcome.fail(
                "No fluoroscopy (XA/RF) or CT images are linked to the procedure"
                        + (others.isEmpty() ? "" : " (linked: " + String.join(", ", others) + ")")
                        + "; without imaging guidance it matches 62322, not 62323",
                List.of());
    }

    /** R2: at least two distinct views showing the final needle position. */
    Outcome views(EvidenceFacts f, RuleSet.RuleDefinition d) {
        int minDiff = d.intParam("minPrimaryAngleDifferenceDeg");
        Map<String, LinkedImage> images = guidanceBySop(f);
        List<ImageAnnotation> needle = f.annotations().stream()
                .filter(a -> images.containsKey(a.sopInstanceUid()) && (a.needleTip() || a.keyImage()))
                .toList();
        for (int i = 0; i < needle.size(); i++) {
            for (int j = i + 1; j < needle.size(); j++) {
                ImageAnnotation a = needle.get(i), b = needle.get(j);
                LinkedImage ia = images.get(a.sopInstanceUid()), ib = images.get(b.sopInstanceUid());
                String why = distinctViews(a, b, ia, ib, minDiff);
                if (why != null) {
                    return Outcome.pass(
                            "Final needle position retained in two views: " + why,
                            List.of(Evidence.annotation(a, describe(a, ia)), Evidence.annotation(b, describe(b, ib))));
                }
            }
        }
        List<LinkedImage> angled =
                images.values().stream().filter(i -> i.primaryAngle() != null).toList();
        for (int i = 0; i < angled.size(); i++) {
            for (int j = i + 1; j < angled.size(); j++) {
                LinkedImage a = angled.get(i), b = angled.get(j);
                if (Math.abs(a.primaryAngle() - b.primaryAngle()) >= minDiff) {
                    return Outcome.warn(
                            "Images in two views are retained (primary angles " + deg(a.primaryAngle())
                                    + " and " + deg(b.primaryAngle()) + ") but no annotation confirms the final needle "
                                    + "position on both views: mark the needle tip or key image on each view",
                            List.of(
                                    Evidence.image(a.sopInstanceUid(), "primary angle " + deg(a.primaryAngle())),
                                    Evidence.image(b.sopInstanceUid(), "primary angle " + deg(b.primaryAngle()))));
                }
            }
        }
        List<Evidence> ev = needle.stream()
                .map(a -> Evidence.annotation(a, describe(a, images.get(a.sopInstanceUid()))))
                .toList();
        return Outcome.fail(
                needle.isEmpty()
                        ? "No retained image is annotated with the final needle position, and no two views are retained"
                        : "The final needle position is documented in only one view; a second view (AP plus lateral or "
                                + "contralateral oblique, or primary angles at least " + minDiff
                                + " degrees apart) is needed",
                ev);
    }

    private static String distinctViews(
            ImageAnnotation a, ImageAnnotation b, LinkedImage ia, LinkedImage ib, int minDiff) {
        if (("AP".equals(a.view()) && in(SIDE_VIEWS, b.view()))
                || ("AP".equals(b.view()) && in(SIDE_VIEWS, a.view()))) {
            return "annotated views " + a.view() + " and " + b.view();
        }
        if (ia.primaryAngle() != null
                && ib.primaryAngle() != null
                && Math.abs(ia.primaryAngle() - ib.primaryAngle()) >= minDiff) {
            return "positioner primary angles " + deg(ia.primaryAngle()) + " and " + deg(ib.primaryAngle());
        }
        return null;
    }

    /** R3: epidural contrast confirmed on a retained image, unless contraindicated. */
    Outcome contrast(EvidenceFacts f, RuleSet.RuleDefinition d) {
        Map<String, LinkedImage> images = guidanceBySop(f);
        List<ImageAnnotation> onImages = f.annotations().stream()
                .filter(a -> images.containsKey(a.sopInstanceUid()) && a.contrastPattern() != null)
                .toList();
        List<ImageAnnotation> epidural = onImages.stream()
                .filter(a -> "EPIDURAL".equals(a.contrastPattern()))
                .toList();
        if (!epidural.isEmpty()) {
            ImageAnnotation a = epidural.get(0);
            return Outcome.pass(
                    "Epidural contrast spread confirmed by " + a.author() + " (" + a.role() + ")"
                            + (epidural.size() > 1 ? " and on " + (epidural.size() - 1) + " more image(s)" : ""),
                    epidural.stream()
                            .map(e -> Evidence.annotation(e, describe(e, images.get(e.sopInstanceUid()))))
                            .toList());
        }
        EvidenceFacts.Contraindication ci = f.session().contraindication();
        if (ci != null) {
            return Outcome.pass(
                    "No contrast confirmation needed: contrast contraindicated (" + ci.type()
                            + (ci.text() == null || ci.text().isBlank() ? "" : ": " + ci.text()) + ")",
                    List.of(Evidence.procedure(f.session().procedureId(), "contraindication " + ci.type())));
        }
        List<Evidence> ev = onImages.stream()
                .map(a -> Evidence.annotation(a, describe(a, images.get(a.sopInstanceUid()))))
                .toList();
        if (onImages.stream().anyMatch(a -> "NOT_GIVEN_CONTRAINDICATED".equals(a.contrastPattern()))) {
            return Outcome.fail(
                    "Contrast is annotated as not given because contraindicated, but the procedure "
                            + "record has no contraindication (allergy, pregnancy, other)",
                    ev);
        }
        if (!onImages.isEmpty()) {
            String seen = onImages.stream()
                    .map(ImageAnnotation::contrastPattern)
                    .distinct()
                    .collect(Collectors.joining(", "));
            return Outcome.fail(
                    "No epidural contrast spread is confirmed on a retained image (observed: " + seen + ")", ev);
        }
        String suggested = f.suggestions().stream()
                .filter(s -> images.containsKey(s.sopInstanceUid()))
                .map(s -> s.pattern())
                .filter(p -> !"NONE".equals(p))
                .distinct()
                .collect(Collectors.joining(", "));
        return Outcome.fail(
                "No one has confirmed the contrast spread on a retained image"
                        + (suggested.isEmpty()
                                ? ""
                                : " (the analysis suggested " + suggested + "; a suggestion is not a confirmation)"),
                ev);
    }

    /** R4: exactly one lumbar/sacral level annotated, matching the record. */
    Outcome level(EvidenceFacts f, RuleSet.RuleDefinition d) {
        Map<String, LinkedImage> images = guidanceBySop(f);
        List<ImageAnnotation> withLevel = f.annotations().stream()
                .filter(a -> images.containsKey(a.sopInstanceUid()) && a.level() != null)
                .toList();
        List<Evidence> ev = withLevel.stream()
                .map(a -> Evidence.annotation(a, describe(a, images.get(a.sopInstanceUid()))))
                .toList();
        Set<String> levels =
                withLevel.stream().map(ImageAnnotation::level).collect(Collectors.toCollection(LinkedHashSet::new));
        if (levels.isEmpty()) return Outcome.fail("No vertebral level is annotated on the images", ev);
        if (levels.size() > 1) {
            return Outcome.fail(
                    "More than one level is annotated (" + String.join(", ", levels)
                            + "); 62323 covers one interlaminar or caudal level per session",
                    ev);
        }
        String level = levels.iterator().next();
        if (!in(lumbarSacralLevels, level)) {
            return Outcome.fail("The annotated level " + level + " is outside the lumbar/sacral region of 62323", ev);
        }
        List<String> recorded = f.session().levels();
        if (recorded.isEmpty()) {
            return Outcome.warn(
                    "Level " + level + " is annotated, but the procedure record states no intended level", ev);
        }
        if (!recorded.equals(List.of(level))) {
            return Outcome.fail(
                    "The annotated level " + level + " does not match the record's level "
                            + String.join(", ", recorded),
                    ev);
        }
        return Outcome.pass(
                "One level, " + level + ", annotated on " + withLevel.size()
                        + " image(s), matching the procedure record",
                ev);
    }

    /** R11: vascular uptake needs a repositioning and a later epidural confirmation. */
    Outcome vascular(EvidenceFacts f, RuleSet.RuleDefinition d) {
        Map<String, LinkedImage> images = guidanceBySop(f);
        Map<String, ImageAnnotation> bySop = new LinkedHashMap<>();
        f.annotations().stream()
                .filter(a -> images.containsKey(a.sopInstanceUid()))
                .forEach(a -> bySop.put(a.sopInstanceUid(), a));
        List<ImageAnnotation> vascular = bySop.values().stream()
                .filter(a -> in(VASCULAR, a.contrastPattern()))
                .toList();
        if (vascular.isEmpty()) {
            List<AnalysisSuggestion> unconfirmed = f.suggestions().stream()
                    .filter(s -> "VASCULAR".equals(s.pattern()) && images.containsKey(s.sopInstanceUid()))
                    .filter(s -> bySop.get(s.sopInstanceUid()) == null
                            || bySop.get(s.sopInstanceUid()).contrastPattern() == null)
                    .toList();
            if (!unconfirmed.isEmpty()) {
                return Outcome.warn(
                        "The analysis suggested vascular uptake on " + unconfirmed.size()
                                + " image(s) that no one has reviewed: confirm the observed contrast pattern",
                        unconfirmed.stream()
                                .map(s -> Evidence.image(
                                        s.sopInstanceUid(),
                                        "suggested VASCULAR, confidence "
                                                + String.format(java.util.Locale.ROOT, "%.2f", s.confidence())))
                                .toList());
            }
            return Outcome.notApplicable("No vascular uptake was observed");
        }
        List<Evidence> ev = new ArrayList<>();
        vascular.forEach(a -> ev.add(Evidence.annotation(a, describe(a, images.get(a.sopInstanceUid())))));
        boolean repositioned = vascular.stream().anyMatch(a -> "VASCULAR_REPOSITIONED".equals(a.contrastPattern()));
        Instant lastVascular = vascular.stream()
                .map(a -> when(a, images))
                .max(Comparator.naturalOrder())
                .orElseThrow();
        List<ImageAnnotation> laterEpidural = bySop.values().stream()
                .filter(a -> "EPIDURAL".equals(a.contrastPattern())
                        && when(a, images).isAfter(lastVascular))
                .toList();
        laterEpidural.forEach(a -> ev.add(Evidence.annotation(a, describe(a, images.get(a.sopInstanceUid())))));
        if (repositioned && !laterEpidural.isEmpty()) {
            return Outcome.pass(
                    "Vascular uptake was observed, the needle was repositioned, and epidural spread was "
                            + "confirmed on a later image",
                    ev);
        }
        List<String> missing = new ArrayList<>();
        if (!repositioned) missing.add("no repositioning is documented (VASCULAR_REPOSITIONED)");
        if (laterEpidural.isEmpty())
            missing.add("no epidural confirmation on an image acquired after the vascular uptake");
        return Outcome.fail("Vascular uptake was observed but " + String.join(" and ", missing), ev);
    }

    private static Instant when(ImageAnnotation a, Map<String, LinkedImage> images) {
        LinkedImage i = images.get(a.sopInstanceUid());
        return i != null && i.acquired() != null ? i.acquired() : a.createdAt();
    }

    private List<LinkedImage> guidanceImages(EvidenceFacts f) {
        return f.images().stream()
                .filter(i -> i.modality() != null && in(guidanceModalities, i.modality()))
                .toList();
    }

    private Map<String, LinkedImage> guidanceBySop(EvidenceFacts f) {
        Map<String, LinkedImage> m = new LinkedHashMap<>();
        guidanceImages(f).forEach(i -> m.put(i.sopInstanceUid(), i));
        return m;
    }

    private static String describe(ImageAnnotation a, LinkedImage i) {
        List<String> parts = new ArrayList<>();
        if (a.view() != null) parts.add(a.view());
        if (i != null && i.primaryAngle() != null) parts.add("primary angle " + deg(i.primaryAngle()));
        if (a.level() != null) parts.add("level " + a.level());
        if (a.contrastPattern() != null) parts.add("contrast " + a.contrastPattern());
        if (a.needleTip()) parts.add("needle tip marked");
        if (a.keyImage()) parts.add("key image");
        parts.add("by " + a.author() + " (" + a.role() + ")");
        return String.join(", ", parts);
    }

    private static String deg(double angle) {
        return String.format(java.util.Locale.ROOT, "%.0f\u00b0", angle);
    }
}
