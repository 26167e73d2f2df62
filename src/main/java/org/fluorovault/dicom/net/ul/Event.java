package org.fluorovault.dicom.net.ul;

/** Events of the Upper Layer protocol machine (PS3.8 Table 9-2), numbered as there. */
enum Event {
    /** Evt1: A-ASSOCIATE request (local user). */
    ASSOCIATE_RQ_LOCAL,
    /** Evt2: transport connect confirmation. */
    TRANSPORT_CONNECTED,
    /** Evt3: A-ASSOCIATE-AC PDU received. */
    AC_RECEIVED,
    /** Evt4: A-ASSOCIATE-RJ PDU received. */
    RJ_RECEIVED,
    /** Evt5: transport connection indication. */
    TRANSPORT_ACCEPTED,
    /** Evt6: A-ASSOCIATE-RQ PDU received. */
    RQ_RECEIVED,
    /** Evt7: A-ASSOCIATE response primitive (accept). */
    ASSOCIATE_ACCEPT_LOCAL,
    /** Evt8: A-ASSOCIATE response primitive (reject). */
    ASSOCIATE_REJECT_LOCAL,
    /** Evt9: P-DATA request primitive. */
    P_DATA_LOCAL,
    /** Evt10: P-DATA-TF PDU received. */
    P_DATA_RECEIVED,
    /** Evt11: A-RELEASE request primitive. */
    RELEASE_LOCAL,
    /** Evt12: A-RELEASE-RQ PDU received. */
    RELEASE_RQ_RECEIVED,
    /** Evt13: A-RELEASE-RP PDU received. */
    RELEASE_RP_RECEIVED,
    /** Evt14: A-RELEASE response primitive. */
    RELEASE_RESPONSE_LOCAL,
    /** Evt15: A-ABORT request primitive. */
    ABORT_LOCAL,
    /** Evt16: A-ABORT PDU received. */
    ABORT_RECEIVED,
    /** Evt17: transport connection closed indication. */
    TRANSPORT_CLOSED,
    /** Evt18: ARTIM timer expired. */
    ARTIM_EXPIRED,
    /** Evt19: unrecognized or invalid PDU received. */
    INVALID_PDU;

    /** The number PS3.8 gives this event (Evt1..Evt19). */
    int number() {
        return ordinal() + 1;
    }

    /** The event a received PDU causes. */
    static Event received(Pdu pdu) {
        return switch (pdu.type()) {
            case AAssociateRq.TYPE -> RQ_RECEIVED;
            case AAssociateAc.TYPE -> AC_RECEIVED;
            case AAssociateRj.TYPE -> RJ_RECEIVED;
            case PDataTf.TYPE -> P_DATA_RECEIVED;
            case AReleaseRq.TYPE -> RELEASE_RQ_RECEIVED;
            case AReleaseRp.TYPE -> RELEASE_RP_RECEIVED;
            default -> ABORT_RECEIVED;
        };
    }

    @Override
    public String toString() {
        return "Evt" + number() + "(" + name() + ")";
    }
}
