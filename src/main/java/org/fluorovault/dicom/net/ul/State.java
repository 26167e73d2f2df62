package org.fluorovault.dicom.net.ul;

/** States of the DICOM Upper Layer protocol machine (PS3.8 Table 9-1). */
public enum State {
    /** Idle. */
    Sta1,
    /** Transport connection open, awaiting A-ASSOCIATE-RQ PDU. */
    Sta2,
    /** Awaiting local A-ASSOCIATE response primitive. */
    Sta3,
    /** Awaiting transport connection opening to complete. */
    Sta4,
    /** Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU. */
    Sta5,
    /** Association established and ready for data transfer. */
    Sta6,
    /** Awaiting A-RELEASE-RP PDU. */
    Sta7,
    /** Awaiting local A-RELEASE response primitive. */
    Sta8,
    /** Release collision requestor side; awaiting A-RELEASE response. */
    Sta9,
    /** Release collision acceptor side; awaiting A-RELEASE-RP PDU. */
    Sta10,
    /** Release collision requestor side; awaiting A-RELEASE-RP PDU. */
    Sta11,
    /** Release collision acceptor side; awaiting A-RELEASE response primitive. */
    Sta12,
    /** Awaiting transport connection close indication (association no longer exists). */
    Sta13;

    /** The action PS3.8 Table 9-10 gives for an event in this state, or null for an empty cell. */
    Action on(Event event) {
        return Transitions.action(this, event);
    }

    /** True in the states where the association exists and has not started to go away (Sta6..Sta12). */
    public boolean established() {
        return ordinal() >= Sta6.ordinal() && ordinal() <= Sta12.ordinal();
    }
}
