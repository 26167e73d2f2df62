package org.fluorovault.review.internal;

import static org.fluorovault.dicom.sr.ContentItems.code;
import static org.fluorovault.dicom.sr.ContentItems.container;
import static org.fluorovault.dicom.sr.ContentItems.image;
import static org.fluorovault.dicom.sr.ContentItems.num;
import static org.fluorovault.dicom.sr.ContentItems.personName;
import static org.fluorovault.dicom.sr.ContentItems.point;
import static org.fluorovault.dicom.sr.ContentItems.text;

import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.sr.Code;
import org.fluorovault.dicom.sr.ContentItems;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.Vocabulary;

/**
 * The content tree of the review's Comprehensive SR: the reviewer as observer, the procedure
 * reported, and one "Findings" container per annotated image with the person's coded findings,
 * the needle tip as a SCOORD POINT selected from the image frame, and the computed analysis.
 */
final class ReviewSr {
    private ReviewSr() {}

    /** One annotated image with its SOP Class and, when the run could be analysed, the analysis. */
    record Finding(Annotation annotation, String sopClassUid, ContrastAnalysis analysis) {}

    static void addContent(Attributes ds, String reviewer, String reviewerRole, List<Finding> findings) {
        ContentItems.root(ds, ReviewCodes.DIAGNOSTIC_IMAGING_REPORT, "SEPARATE");
        code(ds, "HAS CONCEPT MOD", ReviewCodes.PROCEDURE_REPORTED, ReviewCodes.CPT_62323);
        observer(ds, reviewer, reviewerRole);
        for (Finding f : findings) addFinding(ds, f);
    }

    /** TID 1002/1003 person observer: type, name and role in the organisation. */
    static void observer(Attributes parent, String name, String role) {
        code(parent, "HAS OBS CONTEXT", ReviewCodes.OBSERVER_TYPE, ReviewCodes.PERSON);
        personName(parent, "HAS OBS CONTEXT", ReviewCodes.PERSON_OBSERVER_NAME, name);
        code(parent, "HAS OBS CONTEXT", ReviewCodes.ROLE_IN_ORGANIZATION, ReviewCodes.organizationalRole(role));
    }

    private static void addFinding(Attributes root, Finding f) {
        Annotation a = f.annotation();
        Attributes c = container(root, "CONTAINS", ReviewCodes.FINDINGS);
        c.setString(Tags.ObservationDateTime, VR.DT, DocumentHeader.dateTime(a.createdAt()));
        observer(c, a.author(), a.role());
        image(c, "CONTAINS", null, f.sopClassUid(), a.sopInstanceUid());
        if (a.view() != null)
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.IMAGE_VIEW,
                    Vocabulary.View.valueOf(a.view()).code());
        if (a.level() != null) {
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.INJECTION_LEVEL,
                    Vocabulary.level(a.level()).orElseThrow().code());
        }
        if (a.approach() != null)
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.APPROACH,
                    Vocabulary.Approach.valueOf(a.approach()).code());
        if (a.laterality() != null) {
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.LATERALITY,
                    Vocabulary.Laterality.valueOf(a.laterality()).code());
        }
        if (a.contrastPattern() != null) {
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.CONTRAST_PATTERN,
                    Vocabulary.ContrastPattern.valueOf(a.contrastPattern()).code());
        }
        if (a.contrastText() != null) text(c, "CONTAINS", ReviewCodes.COMMENT, a.contrastText());
        if (a.needleTip() != null) {
            Attributes tip = point(
                    c,
                    "CONTAINS",
                    ReviewCodes.NEEDLE_TIP,
                    a.needleTip().column(),
                    a.needleTip().row());
            image(
                    tip,
                    "SELECTED FROM",
                    null,
                    f.sopClassUid(),
                    a.sopInstanceUid(),
                    a.needleTip().frame());
        }
        if (f.analysis() != null) addAnalysis(c, f);
    }

    private static void addAnalysis(Attributes parent, Finding f) {
        ContrastAnalysis r = f.analysis();
        Attributes c = container(parent, "CONTAINS", ReviewCodes.COMPUTED_ANALYSIS);
        text(c, "HAS CONCEPT MOD", ReviewCodes.ALGORITHM_NAME, "FluoroVault contrast-spread analysis");
        text(c, "HAS CONCEPT MOD", ReviewCodes.ALGORITHM_VERSION, r.algorithmVersion());
        code(c, "CONTAINS", ReviewCodes.CONTRAST_DETECTED, r.contrastDetected() ? ReviewCodes.YES : ReviewCodes.NO);
        number(c, ReviewCodes.AREA, r.areaMm2(), ReviewCodes.MM2);
        number(c, ReviewCodes.CC_EXTENT, r.craniocaudalExtentMm(), ReviewCodes.MM);
        number(
                c,
                ReviewCodes.ONSET_FRAME,
                r.onsetFrame() == null ? null : r.onsetFrame().doubleValue(),
                ReviewCodes.FRAME_UNIT);
        number(
                c,
                ReviewCodes.PEAK_FRAME,
                r.peakFrame() == null ? null : r.peakFrame().doubleValue(),
                ReviewCodes.FRAME_UNIT);
        number(c, ReviewCodes.WASHOUT, r.washoutRatio(), ReviewCodes.RATIO_UNIT);
        if (r.suggestedPattern() != null) {
            code(
                    c,
                    "CONTAINS",
                    ReviewCodes.SUGGESTED_PATTERN,
                    ReviewCodes.suggestedPattern(r.suggestedPattern().name()));
        }
        List<ContrastAnalysis.Point> outline = r.outline() == null ? List.of() : r.outline();
        if (outline.size() >= 3 && r.peakFrame() != null) { // the region at the peak frame, closed
            double[] xy = new double[2 * outline.size() + 2];
            for (int i = 0; i <= outline.size(); i++) {
                ContrastAnalysis.Point p = outline.get(i % outline.size());
                xy[2 * i] = p.column();
                xy[2 * i + 1] = p.row();
            }
            Attributes region = ContentItems.polyline(c, "CONTAINS", ReviewCodes.CONTRAST_REGION, xy);
            image(region, "SELECTED FROM", null, f.sopClassUid(), f.annotation().sopInstanceUid(), r.peakFrame());
        }
    }

    private static void number(Attributes parent, Code concept, Double value, Code units) {
        if (value == null || !Double.isFinite(value)) return;
        double rounded = Math.round(value * 1000.0) / 1000.0;
        num(parent, "CONTAINS", concept, Attributes.formatDS(rounded), units);
    }
}
