package org.fluorovault.dose;

import java.util.List;

/**
 * Accumulated dose of one study as the API shows it: where it came from (the SOP Instance UIDs of
 * the RDSR or of the MPPS instances) and each total with its unit (UCUM).
 */
public record StudyDose(
        String studyInstanceUid, Source source, List<String> sourceInstanceUids, List<Total> totals, String comments) {
    public enum Source {
        RDSR,
        MPPS,
        NONE
    }

    /** {@code scheme} is DCM for an RDSR concept code, DICOM for an MPPS attribute tag. */
    public record Total(String scheme, String code, String meaning, double value, String unit) {}
}
