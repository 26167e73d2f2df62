package org.fluorovault.dicom.net.ul;

import static org.fluorovault.dicom.net.ul.Action.*;
import static org.fluorovault.dicom.net.ul.Event.*;
import static org.fluorovault.dicom.net.ul.State.*;

import java.util.EnumMap;
import java.util.Map;

/** PS3.8 Table 9-10, the state transition table, one event (row) at a time. Empty cells are absent. */
final class Transitions {

    private static final Map<State, Map<Event, Action>> TABLE = new EnumMap<>(State.class);

    static {
        put(ASSOCIATE_RQ_LOCAL, AE_1, Sta1);
        put(TRANSPORT_CONNECTED, AE_2, Sta4);
        put(AC_RECEIVED, AA_1, Sta2);
        put(AC_RECEIVED, AA_8, Sta3, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(AC_RECEIVED, AE_3, Sta5);
        put(AC_RECEIVED, AA_6, Sta13);
        put(RJ_RECEIVED, AA_1, Sta2);
        put(RJ_RECEIVED, AA_8, Sta3, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(RJ_RECEIVED, AE_4, Sta5);
        put(RJ_RECEIVED, AA_6, Sta13);
        put(TRANSPORT_ACCEPTED, AE_5, Sta1);
        put(RQ_RECEIVED, AE_6, Sta2);
        put(RQ_RECEIVED, AA_8, Sta3, Sta5, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(RQ_RECEIVED, AA_7, Sta13);
        put(ASSOCIATE_ACCEPT_LOCAL, AE_7, Sta3);
        put(ASSOCIATE_REJECT_LOCAL, AE_8, Sta3);
        put(P_DATA_LOCAL, DT_1, Sta6);
        put(P_DATA_LOCAL, AR_7, Sta8);
        put(P_DATA_RECEIVED, AA_1, Sta2);
        put(P_DATA_RECEIVED, AA_8, Sta3, Sta5, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(P_DATA_RECEIVED, DT_2, Sta6);
        put(P_DATA_RECEIVED, AR_6, Sta7);
        put(P_DATA_RECEIVED, AA_6, Sta13);
        put(RELEASE_LOCAL, AR_1, Sta6);
        put(RELEASE_RQ_RECEIVED, AA_1, Sta2);
        put(RELEASE_RQ_RECEIVED, AA_8, Sta3, Sta5, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(RELEASE_RQ_RECEIVED, AR_2, Sta6);
        put(RELEASE_RQ_RECEIVED, AR_8, Sta7);
        put(RELEASE_RQ_RECEIVED, AA_6, Sta13);
        put(RELEASE_RP_RECEIVED, AA_1, Sta2);
        put(RELEASE_RP_RECEIVED, AA_8, Sta3, Sta5, Sta6, Sta8, Sta9, Sta12);
        put(RELEASE_RP_RECEIVED, AR_3, Sta7, Sta11);
        put(RELEASE_RP_RECEIVED, AR_10, Sta10);
        put(RELEASE_RP_RECEIVED, AA_6, Sta13);
        put(RELEASE_RESPONSE_LOCAL, AR_4, Sta8, Sta12);
        put(RELEASE_RESPONSE_LOCAL, AR_9, Sta9);
        put(ABORT_LOCAL, AA_1, Sta3, Sta5, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(ABORT_LOCAL, AA_2, Sta4);
        put(ABORT_RECEIVED, AA_2, Sta2, Sta13);
        put(ABORT_RECEIVED, AA_3, Sta3, Sta5, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(TRANSPORT_CLOSED, AA_5, Sta2);
        put(TRANSPORT_CLOSED, AA_4, Sta3, Sta4, Sta5, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(TRANSPORT_CLOSED, AR_5, Sta13);
        put(ARTIM_EXPIRED, AA_2, Sta2, Sta13);
        put(INVALID_PDU, AA_1, Sta2);
        put(INVALID_PDU, AA_8, Sta3, Sta5, Sta6, Sta7, Sta8, Sta9, Sta10, Sta11, Sta12);
        put(INVALID_PDU, AA_7, Sta13);
    }

    private Transitions() {}

    static Action action(State state, Event event) {
        Map<Event, Action> row = TABLE.get(state);
        return row == null ? null : row.get(event);
    }

    private static void put(Event event, Action action, State... states) {
        for (State s : states) {
            Action old =
                    TABLE.computeIfAbsent(s, k -> new EnumMap<>(Event.class)).put(event, action);
            if (old != null) {
                throw new IllegalStateException("two actions for " + event + " in " + s);
            }
        }
    }
}
