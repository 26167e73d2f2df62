package org.fluorovault.review;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fluorovault.dicom.sr.Code;

/**
 * The values an annotation may take, with the code each is written as in the review SR. Real
 * codes (SNOMED CT "SCT", DICOM "DCM") where PS3.16 has one; otherwise the private scheme
 * {@value #PRIVATE_SCHEME}, listed in docs/conformance-statement.md.
 */
public final class Vocabulary {
    /** Coding Scheme Designator of FluoroVault's own codes (PS3.16 8.2: private designators start with 99). */
    public static final String PRIVATE_SCHEME = "99FLUOROVAULT";

    private Vocabulary() {}

    static Code fv(String value, String meaning) {
        return new Code(value, PRIVATE_SCHEME, meaning);
    }

    /** A value with its name (the JSON value) and code. */
    public interface Coded {
        String name();

        Code code();
    }

    /** Interlaminar space of the injection, or the sacral hiatus. */
    public enum Level implements Coded {
        L1_L2("L1-L2"),
        L2_L3("L2-L3"),
        L3_L4("L3-L4"),
        L4_L5("L4-L5"),
        L5_S1("L5-S1"),
        CAUDAL("CAUDAL");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        /** The JSON and display name ("L4-L5"). */
        public String label() {
            return label;
        }

        @Override
        public Code code() {
            return this == CAUDAL
                    ? fv("LEVEL-CAUDAL", "Sacral hiatus (caudal)")
                    : fv("LEVEL-" + label, label + " interlaminar space");
        }
    }

    public enum Approach implements Coded {
        INTERLAMINAR_MIDLINE(fv("APPR-IL-MIDLINE", "Interlaminar, midline")),
        INTERLAMINAR_PARAMEDIAN(fv("APPR-IL-PARAMED", "Interlaminar, paramedian")),
        CAUDAL(fv("APPR-CAUDAL", "Caudal, through the sacral hiatus"));

        private final Code code;

        Approach(Code code) {
            this.code = code;
        }

        @Override
        public Code code() {
            return code;
        }
    }

    /** CID 244 Laterality, and "Median" (SCT 260528009) for a midline injection. */
    public enum Laterality implements Coded {
        LEFT(Code.sct("7771000", "Left")),
        RIGHT(Code.sct("24028007", "Right")),
        MIDLINE(Code.sct("260528009", "Median")),
        BILATERAL(Code.sct("51440002", "Right and left"));

        private final Code code;

        Laterality(Code code) {
            this.code = code;
        }

        @Override
        public Code code() {
            return code;
        }
    }

    /** CID 4010 DX View where it has the view; FluoroVault codes for contralateral oblique and other. */
    public enum View implements Coded {
        AP(Code.sct("399348003", "antero-posterior")),
        LATERAL(Code.sct("399067008", "lateral")),
        CONTRALATERAL_OBLIQUE(fv("VIEW-CONTRA-OBL", "Contralateral oblique")),
        OTHER(fv("VIEW-OTHER", "Other view"));

        private final Code code;

        View(Code code) {
            this.code = code;
        }

        @Override
        public Code code() {
            return code;
        }
    }

    /** The contrast pattern a person observed (DOMAIN.md "Contrast spread"). */
    public enum ContrastPattern implements Coded {
        EPIDURAL(fv("CP-EPIDURAL", "Epidural contrast spread")),
        VASCULAR_REPOSITIONED(fv("CP-VASC-REPOS", "Vascular uptake, needle repositioned")),
        VASCULAR(fv("CP-VASCULAR", "Vascular uptake")),
        INTRATHECAL(fv("CP-INTRATHECAL", "Intrathecal contrast spread")),
        NONE(fv("CP-NONE", "No contrast spread seen")),
        NOT_GIVEN_CONTRAINDICATED(fv("CP-NOT-GIVEN", "Contrast not given, contraindicated"));

        private final Code code;

        ContrastPattern(Code code) {
            this.code = code;
        }

        @Override
        public Code code() {
            return code;
        }
    }

    /**
     * The values each coded field of an annotation may take, by field name ("level", "approach",
     * ...) in the order the annotation form shows them: what the study page offers (served by
     * {@code GET /api/vocabulary}).
     */
    public static Map<String, List<String>> choices() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("level", Arrays.stream(Level.values()).map(Level::label).toList());
        c.put("approach", names(Approach.values()));
        c.put("laterality", names(Laterality.values()));
        c.put("view", names(View.values()));
        c.put("contrastPattern", names(ContrastPattern.values()));
        return Collections.unmodifiableMap(c);
    }

    private static List<String> names(Coded[] values) {
        return Arrays.stream(values).map(Coded::name).toList();
    }

    /** The level named {@code label} ("L4-L5", "CAUDAL"). */
    public static Optional<Level> level(String label) {
        return Arrays.stream(Level.values())
                .filter(l -> l.label().equals(label))
                .findFirst();
    }
}
