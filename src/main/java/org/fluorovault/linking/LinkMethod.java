package org.fluorovault.linking;

/** How a study came to document a procedure. */
public enum LinkMethod {
    /** the study's Accession Number is the procedure's */
    ACCESSION,
    /** the study carries the Study Instance UID the worklist gave the procedure */
    STUDY_UID,
    /** an MPPS for the study names the procedure's accession or requested procedure */
    MPPS,
    /** same Patient ID, study date within the configured window of the date of service (XA, RF, CT) */
    PATIENT_DATE,
    /** a person linked it */
    USER
}
