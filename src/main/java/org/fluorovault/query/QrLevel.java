package org.fluorovault.query;

import org.fluorovault.dicom.dict.Tags;

/** Query/Retrieve levels of PS3.4 C.6, in hierarchy order, with their unique keys and index tables. */
enum QrLevel {
    PATIENT(Tags.PatientID, "p"),
    STUDY(Tags.StudyInstanceUID, "st"),
    SERIES(Tags.SeriesInstanceUID, "se"),
    IMAGE(Tags.SOPInstanceUID, "i");

    final int uniqueKey;
    final String alias;

    QrLevel(int uniqueKey, String alias) {
        this.uniqueKey = uniqueKey;
        this.alias = alias;
    }

    /** The level named by a Query/Retrieve Level value, or null if it is none of the four. */
    static QrLevel of(String value) {
        if (value == null) return null;
        for (QrLevel l : values()) if (l.name().equals(value.trim())) return l;
        return null;
    }

    /** FROM clause joining the index tables from patient down to this level. */
    String from() {
        StringBuilder sb = new StringBuilder(" FROM patient p");
        if (compareTo(STUDY) >= 0) sb.append(" JOIN study st ON st.patient_fk = p.id");
        if (compareTo(SERIES) >= 0) sb.append(" JOIN series se ON se.study_fk = st.id");
        if (compareTo(IMAGE) >= 0) sb.append(" JOIN instance i ON i.series_fk = se.id");
        return sb.toString();
    }
}
