package org.fluorovault.dose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;

/**
 * Reads the accumulated dose of an X-Ray Radiation Dose SR (TID 10001/10002): walks the content
 * tree and keeps the NUM items whose concept name is one of {@link #CODES} (scheme DCM), with the
 * value and the UCUM unit of their Measured Value Sequence. A code found more than once (one
 * accumulated container per plane of a biplane system) is summed when the units agree.
 */
public final class DoseExtractor {
    public static final String RDSR_SOP_CLASS = Uids.XRayRadiationDoseSRStorage;
    /** Dose Area Product Total, Dose (RP) Total, Fluoro DAP Total, Fluoro Dose (RP) Total, Total Fluoro Time,
     *  Total Number of Radiographic Frames, Total Acquisition Time. */
    public static final Set<String> CODES =
            Set.of("113722", "113725", "113726", "113728", "113730", "113731", "113855");

    private static final int MAX_DEPTH = 16;

    /** One accumulated value. */
    public record DoseValue(String code, String meaning, double value, String unit) {}

    private DoseExtractor() {}

    /** The accumulated values found, in document order; empty when the tree holds none. */
    public static List<DoseValue> extract(Attributes sr) {
        Map<String, DoseValue> found = new LinkedHashMap<>();
        walk(sr.getSequence(Tags.ContentSequence), 0, found);
        return new ArrayList<>(found.values());
    }

    private static void walk(Sequence content, int depth, Map<String, DoseValue> found) {
        if (content == null || depth > MAX_DEPTH) return;
        for (Attributes item : content) {
            if ("NUM".equals(item.getString(Tags.ValueType))) num(item, found);
            walk(item.getSequence(Tags.ContentSequence), depth + 1, found);
        }
    }

    private static void num(Attributes item, Map<String, DoseValue> found) {
        Attributes concept = item.getNestedItem(Tags.ConceptNameCodeSequence);
        if (concept == null || !"DCM".equals(concept.getString(Tags.CodingSchemeDesignator))) return;
        String code = concept.getString(Tags.CodeValue);
        if (code == null || !CODES.contains(code)) return;
        Attributes mv = item.getNestedItem(Tags.MeasuredValueSequence);
        if (mv == null) return;
        double[] v = mv.getDoubles(Tags.NumericValue);
        if (v.length == 0 || Double.isNaN(v[0]) || Double.isInfinite(v[0])) return;
        Attributes units = mv.getNestedItem(Tags.MeasurementUnitsCodeSequence);
        String unit = units == null ? null : units.getString(Tags.CodeValue);
        DoseValue next = new DoseValue(code, concept.getString(Tags.CodeMeaning), v[0], unit);
        found.merge(
                code,
                next,
                (a, b) -> java.util.Objects.equals(a.unit(), b.unit())
                        ? new DoseValue(a.code(), a.meaning(), a.value() + b.value(), a.unit())
                        : a);
    }
}
