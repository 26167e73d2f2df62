package org.fluorovault.query;

import java.util.Map;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.QueryRetrieveStatus;

/** The two information models (PS3.4 C.6.1, C.6.2) and the SOP classes that name them. */
enum QrModel {
    PATIENT_ROOT,
    STUDY_ROOT;

    static final String PATIENT_ROOT_FIND = Uids.PatientRootQueryRetrieveInformationModelFind;
    static final String PATIENT_ROOT_MOVE = Uids.PatientRootQueryRetrieveInformationModelMove;
    static final String PATIENT_ROOT_GET = Uids.PatientRootQueryRetrieveInformationModelGet;
    static final String STUDY_ROOT_FIND = Uids.StudyRootQueryRetrieveInformationModelFind;
    static final String STUDY_ROOT_MOVE = Uids.StudyRootQueryRetrieveInformationModelMove;
    static final String STUDY_ROOT_GET = Uids.StudyRootQueryRetrieveInformationModelGet;

    static final Map<String, QrModel> FIND = Map.of(PATIENT_ROOT_FIND, PATIENT_ROOT, STUDY_ROOT_FIND, STUDY_ROOT);
    static final Map<String, QrModel> MOVE = Map.of(PATIENT_ROOT_MOVE, PATIENT_ROOT, STUDY_ROOT_MOVE, STUDY_ROOT);
    static final Map<String, QrModel> GET = Map.of(PATIENT_ROOT_GET, PATIENT_ROOT, STUDY_ROOT_GET, STUDY_ROOT);

    /** The identifier's level, valid for this model; A900 with the offending element otherwise. */
    QrLevel level(Attributes identifier) {
        if (identifier == null) {
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "Request without identifier");
        }
        String v = identifier.getString(Tags.QueryRetrieveLevel);
        if (v == null) {
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Missing Query/Retrieve Level (0008,0052)",
                    Tags.QueryRetrieveLevel);
        }
        QrLevel level = QrLevel.of(v);
        if (level == null || (this == STUDY_ROOT && level == QrLevel.PATIENT)) {
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Query/Retrieve Level '" + v + "' not in " + this,
                    Tags.QueryRetrieveLevel);
        }
        return level;
    }
}
