package org.fluorovault.dicom.net.ul;

/**
 * A protocol data unit of the DICOM Upper Layer (PS3.8 section 9.3). The seven PDU types are
 * records; {@link PduEncoder} and {@link PduDecoder} turn them into bytes and back.
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

    /** The PDU-type byte of PS3.8 Table 9-10 and following. */
    int type();
}
