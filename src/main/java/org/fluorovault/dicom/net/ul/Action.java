package org.fluorovault.dicom.net.ul;

/** Actions of the Upper Layer protocol machine (PS3.8 Tables 9-6 to 9-9) with their next state. */
enum Action {
    /** Issue transport connect request. */
    AE_1(State.Sta4),
    /** Send A-ASSOCIATE-RQ PDU. */
    AE_2(State.Sta5),
    /** Issue A-ASSOCIATE confirmation (accept). */
    AE_3(State.Sta6),
    /** Issue A-ASSOCIATE confirmation (reject), close transport. */
    AE_4(State.Sta1),
    /** Issue transport connection response, start ARTIM. */
    AE_5(State.Sta2),
    /** Stop ARTIM; if the A-ASSOCIATE-RQ is acceptable issue an indication (Sta3), otherwise send RJ (Sta13). */
    AE_6(null),
    /** Send A-ASSOCIATE-AC PDU. */
    AE_7(State.Sta6),
    /** Send A-ASSOCIATE-RJ PDU, start ARTIM. */
    AE_8(State.Sta13),
    /** Send P-DATA-TF PDU. */
    DT_1(State.Sta6),
    /** Issue P-DATA indication. */
    DT_2(State.Sta6),
    /** Send A-RELEASE-RQ PDU. */
    AR_1(State.Sta7),
    /** Issue A-RELEASE indication. */
    AR_2(State.Sta8),
    /** Issue A-RELEASE confirmation, close transport. */
    AR_3(State.Sta1),
    /** Send A-RELEASE-RP PDU, start ARTIM. */
    AR_4(State.Sta13),
    /** Stop ARTIM. */
    AR_5(State.Sta1),
    /** Issue P-DATA indication (while awaiting A-RELEASE-RP). */
    AR_6(State.Sta7),
    /** Send P-DATA-TF PDU (while awaiting the local release response). */
    AR_7(State.Sta8),
    /** Release collision: issue A-RELEASE indication; Sta9 for the requestor, Sta10 for the acceptor. */
    AR_8(null),
    /** Send A-RELEASE-RP PDU (collision, requestor). */
    AR_9(State.Sta11),
    /** Issue A-RELEASE confirmation (collision, acceptor). */
    AR_10(State.Sta12),
    /** Send A-ABORT PDU, start ARTIM. */
    AA_1(State.Sta13),
    /** Stop ARTIM, close transport. */
    AA_2(State.Sta1),
    /** Issue A-ABORT or A-P-ABORT indication, close transport. */
    AA_3(State.Sta1),
    /** Issue A-P-ABORT indication. */
    AA_4(State.Sta1),
    /** Stop ARTIM. */
    AA_5(State.Sta1),
    /** Ignore PDU. */
    AA_6(State.Sta13),
    /** Send A-ABORT PDU. */
    AA_7(State.Sta13),
    /** Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM. */
    AA_8(State.Sta13);

    private final State next;

    Action(State next) {
        this.next = next;
    }

    /** The next state, or null where it depends on the outcome (AE-6) or the role (AR-8). */
    State next() {
        return next;
    }

    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
