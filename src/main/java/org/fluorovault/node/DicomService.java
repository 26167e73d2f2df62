package org.fluorovault.node;

/**
 * What a DICOM peer may ask of the node. C-ECHO needs no permission: a peer the node accepts
 * may always verify the connection.
 */
public enum DicomService {
    /** C-STORE into the archive. */
    STORE,
    /** C-FIND on the Patient and Study Root Query/Retrieve models. */
    QUERY,
    /** C-MOVE and C-GET. */
    RETRIEVE,
    /** C-FIND on the Modality Worklist. */
    WORKLIST,
    /** N-CREATE and N-SET of Modality Performed Procedure Steps. */
    MPPS,
    /** N-ACTION of Storage Commitment. */
    COMMITMENT
}
