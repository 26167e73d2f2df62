package org.fluorovault.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;

/**
 * A key the index answers at one level: its column (or, for derived keys, a correlated
 * subquery) and how it matches (PS3.4 C.2.2.2).
 */
record QrKey(int tag, VR vr, QrLevel level, String column, Matching matching) {
    enum Matching {
        /** single value or wildcard, case-sensitive */
        TEXT,
        /** person name: single value or wildcard on the alphabetic group, case-insensitive */
        PN,
        /** single value or range */
        RANGE,
        /** list of UIDs */
        UID,
        /** numbers compared as text */
        NUMBER,
        /** derived from the index: returned, never matched (ModalitiesInStudy is special) */
        DERIVED
    }

    static final Map<Integer, QrKey> ALL = new LinkedHashMap<>();

    private static void k(int tag, VR vr, QrLevel level, String column, Matching m) {
        ALL.put(tag, new QrKey(tag, vr, level, column, m));
    }

    static {
        QrLevel P = QrLevel.PATIENT, ST = QrLevel.STUDY, SE = QrLevel.SERIES, I = QrLevel.IMAGE;
        k(Tags.PatientName, VR.PN, P, "p.patient_name", Matching.PN);
        k(Tags.PatientID, VR.LO, P, "p.patient_id", Matching.TEXT);
        k(Tags.IssuerOfPatientID, VR.LO, P, "p.issuer", Matching.TEXT);
        k(Tags.PatientBirthDate, VR.DA, P, "p.birth_date", Matching.RANGE);
        k(Tags.PatientSex, VR.CS, P, "p.sex", Matching.TEXT);
        k(
                Tags.NumberOfPatientRelatedStudies,
                VR.IS,
                P,
                "(SELECT COUNT(*) FROM study x WHERE x.patient_fk = p.id)",
                Matching.DERIVED);
        k(
                Tags.NumberOfPatientRelatedSeries,
                VR.IS,
                P,
                "(SELECT COUNT(*) FROM series x JOIN study y ON x.study_fk = y.id WHERE y.patient_fk = p.id)",
                Matching.DERIVED);
        k(
                Tags.NumberOfPatientRelatedInstances,
                VR.IS,
                P,
                "(SELECT COUNT(*) FROM instance x JOIN series y ON "
                        + "x.series_fk = y.id JOIN study z ON y.study_fk = z.id WHERE z.patient_fk = p.id)",
                Matching.DERIVED);

        k(Tags.StudyInstanceUID, VR.UI, ST, "st.study_instance_uid", Matching.UID);
        k(Tags.StudyDate, VR.DA, ST, "st.study_date", Matching.RANGE);
        k(Tags.StudyTime, VR.TM, ST, "st.study_time", Matching.RANGE);
        k(Tags.AccessionNumber, VR.SH, ST, "st.accession_number", Matching.TEXT);
        k(Tags.StudyID, VR.SH, ST, "st.study_id", Matching.TEXT);
        k(Tags.StudyDescription, VR.LO, ST, "st.study_description", Matching.TEXT);
        k(Tags.ReferringPhysicianName, VR.PN, ST, "st.referring_physician", Matching.PN);
        k(Tags.ModalitiesInStudy, VR.CS, ST, "st.id", Matching.DERIVED);
        k(
                Tags.NumberOfStudyRelatedSeries,
                VR.IS,
                ST,
                "(SELECT COUNT(*) FROM series x WHERE x.study_fk = st.id)",
                Matching.DERIVED);
        k(
                Tags.NumberOfStudyRelatedInstances,
                VR.IS,
                ST,
                "(SELECT COUNT(*) FROM instance x JOIN series y ON x.series_fk = y.id WHERE y.study_fk = st.id)",
                Matching.DERIVED);

        k(Tags.SeriesInstanceUID, VR.UI, SE, "se.series_instance_uid", Matching.UID);
        k(Tags.Modality, VR.CS, SE, "se.modality", Matching.TEXT);
        k(Tags.SeriesNumber, VR.IS, SE, "se.series_number", Matching.NUMBER);
        k(Tags.SeriesDescription, VR.LO, SE, "se.series_description", Matching.TEXT);
        k(Tags.BodyPartExamined, VR.CS, SE, "se.body_part_examined", Matching.TEXT);
        k(Tags.Manufacturer, VR.LO, SE, "se.manufacturer", Matching.TEXT);
        k(Tags.StationName, VR.SH, SE, "se.station_name", Matching.TEXT);
        k(
                Tags.NumberOfSeriesRelatedInstances,
                VR.IS,
                SE,
                "(SELECT COUNT(*) FROM instance x WHERE x.series_fk = se.id)",
                Matching.DERIVED);

        k(Tags.SOPInstanceUID, VR.UI, I, "i.sop_instance_uid", Matching.UID);
        k(Tags.SOPClassUID, VR.UI, I, "i.sop_class_uid", Matching.UID);
        k(Tags.InstanceNumber, VR.IS, I, "i.instance_number", Matching.NUMBER);
        k(Tags.NumberOfFrames, VR.IS, I, "i.number_of_frames", Matching.NUMBER);
        k(Tags.Rows, VR.US, I, "i.rows_", Matching.NUMBER);
        k(Tags.Columns, VR.US, I, "i.columns_", Matching.NUMBER);
    }
}
