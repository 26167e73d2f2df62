package org.fluorovault.review.internal;

import org.fluorovault.dicom.sr.Code;
import org.fluorovault.review.Vocabulary;
import org.fluorovault.security.Role;

/** Concept names of the review documents (values are in {@link Vocabulary}). */
final class ReviewCodes {
    private ReviewCodes() {}

    private static Code fv(String value, String meaning) {
        return new Code(value, Vocabulary.PRIVATE_SCHEME, meaning);
    }

    static final Code DIAGNOSTIC_IMAGING_REPORT = new Code("18748-4", "LN", "Diagnostic Imaging Report");
    static final Code OF_INTEREST = Code.dcm("113000", "Of Interest");
    static final Code KEY_OBJECT_DESCRIPTION = Code.dcm("113012", "Key Object Description");
    static final Code PROCEDURE_REPORTED = Code.dcm("121058", "Procedure reported");
    static final Code CPT_62323 = new Code("62323", "C4", "Lumbar or caudal epidural injection, imaging guided");
    static final Code FINDINGS = Code.dcm("121070", "Findings");
    static final Code COMMENT = Code.dcm("121106", "Comment");
    static final Code IMAGE_VIEW = Code.dcm("111031", "Image View");
    static final Code LATERALITY = Code.sct("272741003", "Laterality");
    static final Code OBSERVER_TYPE = Code.dcm("121005", "Observer Type");
    static final Code PERSON = Code.dcm("121006", "Person");
    static final Code PERSON_OBSERVER_NAME = Code.dcm("121008", "Person Observer Name");
    static final Code ROLE_IN_ORGANIZATION = Code.dcm("121010", "Person Observer's Role in the Organization");
    static final Code ALGORITHM_NAME = Code.dcm("111001", "Algorithm Name");
    static final Code ALGORITHM_VERSION = Code.dcm("111003", "Algorithm Version");
    static final Code AREA = Code.sct("42798000", "Area");
    static final Code YES = Code.sct("373066001", "Yes");
    static final Code NO = Code.sct("373067005", "No");
    static final Code MM2 = Code.ucum("mm2", "mm2");
    static final Code MM = Code.ucum("mm", "mm");
    static final Code FRAME_UNIT = Code.ucum("{frame}", "frame");
    static final Code RATIO_UNIT = Code.ucum("1", "no units");

    static final Code INJECTION_LEVEL = fv("INJ-LEVEL", "Injection level");
    static final Code APPROACH = fv("INJ-APPROACH", "Injection approach");
    static final Code CONTRAST_PATTERN = fv("CONTRAST-PATTERN", "Observed contrast pattern");
    static final Code NEEDLE_TIP = fv("NEEDLE-TIP", "Needle tip");
    static final Code COMPUTED_ANALYSIS = fv("SPREAD-ANALYSIS", "Computed contrast-spread analysis");
    static final Code CONTRAST_DETECTED = fv("CONTRAST-DET", "Contrast detected");
    static final Code CC_EXTENT = fv("CC-EXTENT", "Cranio-caudal extent of contrast");
    static final Code ONSET_FRAME = fv("ONSET-FRAME", "Contrast onset frame");
    static final Code PEAK_FRAME = fv("PEAK-FRAME", "Contrast peak frame");
    static final Code WASHOUT = fv("WASHOUT-RATIO", "Contrast washout ratio");
    static final Code CONTRAST_REGION = fv("CONTRAST-REGION", "Contrast region outline");
    static final Code SUGGESTED_PATTERN = fv("SUGGEST-PATTERN", "Suggested contrast pattern");

    /** CID 7452 Organizational Role of a FluoroVault role. */
    static Code organizationalRole(String role) {
        return Role.PHYSICIAN.name().equals(role)
                ? Code.sct("309343006", "Physician")
                : Code.sct("159016003", "Radiologic Technologist");
    }

    /** The suggested pattern of the analysis, as a FluoroVault code. */
    static Code suggestedPattern(String pattern) {
        return fv("SP-" + pattern, "Suggested: " + pattern.toLowerCase(java.util.Locale.ROOT));
    }
}
