package org.fluorovault.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fluorovault.dicom.net.ul.Event.*;
import static org.fluorovault.dicom.net.ul.State.*;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transition table against PS3.8 Table 9-10. */
class StateTest {

    private static final List<Event> FROM_PEER = List.of(
            AC_RECEIVED,
            RJ_RECEIVED,
            RQ_RECEIVED,
            P_DATA_RECEIVED,
            RELEASE_RQ_RECEIVED,
            RELEASE_RP_RECEIVED,
            ABORT_RECEIVED,
            TRANSPORT_CLOSED,
            INVALID_PDU);

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"Sta1", "Sta4"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyStateWithAConnectionHasAnActionForEverythingThePeerCanDo(State state) {
        for (Event e : FROM_PEER) {
            assertThat(state.on(e)).as("%s in %s", e, state).isNotNull();
        }
    }

    @Test
    void unexpectedPdusInAnEstablishedAssociationAreAa8() {
        for (State s : EnumSet.range(Sta6, Sta12)) {
            assertThat(s.on(AC_RECEIVED)).isEqualTo(Action.AA_8);
            assertThat(s.on(RJ_RECEIVED)).isEqualTo(Action.AA_8);
            assertThat(s.on(RQ_RECEIVED)).isEqualTo(Action.AA_8);
            assertThat(s.on(INVALID_PDU)).isEqualTo(Action.AA_8);
            assertThat(s.on(ABORT_RECEIVED)).isEqualTo(Action.AA_3);
            assertThat(s.on(TRANSPORT_CLOSED)).isEqualTo(Action.AA_4);
            assertThat(s.on(ABORT_LOCAL)).isEqualTo(Action.AA_1);
        }
        assertThat(Sta6.on(RELEASE_RP_RECEIVED)).isEqualTo(Action.AA_8);
        assertThat(Sta8.on(P_DATA_RECEIVED)).isEqualTo(Action.AA_8);
    }

    @Test
    void beforeTheRequestEverythingButAnRqOrAbortIsAa1() {
        assertThat(Sta2.on(RQ_RECEIVED)).isEqualTo(Action.AE_6);
        for (Event e : List.of(
                AC_RECEIVED, RJ_RECEIVED, P_DATA_RECEIVED, RELEASE_RQ_RECEIVED, RELEASE_RP_RECEIVED, INVALID_PDU)) {
            assertThat(Sta2.on(e)).isEqualTo(Action.AA_1);
        }
        assertThat(Sta2.on(ABORT_RECEIVED)).isEqualTo(Action.AA_2);
        assertThat(Sta2.on(ARTIM_EXPIRED)).isEqualTo(Action.AA_2);
        assertThat(Sta2.on(TRANSPORT_CLOSED)).isEqualTo(Action.AA_5);
    }

    @Test
    void awaitingCloseIgnoresOrAbortsAndStopsOnClose() {
        assertThat(Sta13.on(P_DATA_RECEIVED)).isEqualTo(Action.AA_6);
        assertThat(Sta13.on(RELEASE_RQ_RECEIVED)).isEqualTo(Action.AA_6);
        assertThat(Sta13.on(RQ_RECEIVED)).isEqualTo(Action.AA_7);
        assertThat(Sta13.on(INVALID_PDU)).isEqualTo(Action.AA_7);
        assertThat(Sta13.on(ABORT_RECEIVED)).isEqualTo(Action.AA_2);
        assertThat(Sta13.on(ARTIM_EXPIRED)).isEqualTo(Action.AA_2);
        assertThat(Sta13.on(TRANSPORT_CLOSED)).isEqualTo(Action.AR_5);
    }

    @Test
    void dataMayBeSentOnlyInSta6AndSta8() {
        for (State s : State.values()) {
            assertThat(s.on(P_DATA_LOCAL) != null).as("%s", s).isEqualTo(s == Sta6 || s == Sta8);
        }
    }

    @Test
    void requestorReleaseCollisionPath() {
        Fsm fsm = established(true);
        assertThat(fsm.fire(RELEASE_LOCAL)).isEqualTo(Action.AR_1);
        assertThat(fsm.fire(P_DATA_RECEIVED)).isEqualTo(Action.AR_6);
        assertThat(fsm.fire(RELEASE_RQ_RECEIVED)).isEqualTo(Action.AR_8);
        assertThat(fsm.state()).isEqualTo(Sta9);
        assertThat(fsm.fire(RELEASE_RESPONSE_LOCAL)).isEqualTo(Action.AR_9);
        assertThat(fsm.state()).isEqualTo(Sta11);
        assertThat(fsm.fire(RELEASE_RP_RECEIVED)).isEqualTo(Action.AR_3);
        assertThat(fsm.state()).isEqualTo(Sta1);
    }

    @Test
    void acceptorReleaseCollisionPath() {
        Fsm fsm = established(false);
        fsm.fire(RELEASE_LOCAL);
        assertThat(fsm.fire(RELEASE_RQ_RECEIVED)).isEqualTo(Action.AR_8);
        assertThat(fsm.state()).isEqualTo(Sta10);
        assertThat(fsm.fire(RELEASE_RP_RECEIVED)).isEqualTo(Action.AR_10);
        assertThat(fsm.fire(RELEASE_RESPONSE_LOCAL)).isEqualTo(Action.AR_4);
        assertThat(fsm.state()).isEqualTo(Sta13);
        assertThat(fsm.fire(TRANSPORT_CLOSED)).isEqualTo(Action.AR_5);
        assertThat(fsm.state()).isEqualTo(Sta1);
    }

    @Test
    void illegalLocalPrimitiveLeavesTheStateAlone() {
        Fsm fsm = established(true);
        fsm.fire(RELEASE_LOCAL);
        assertThat(fsm.fire(P_DATA_LOCAL)).isNull();
        assertThat(fsm.fire(RELEASE_LOCAL)).isNull();
        assertThat(fsm.state()).isEqualTo(Sta7);
    }

    private static Fsm established(boolean requestor) {
        Fsm fsm = new Fsm(requestor);
        if (requestor) {
            fsm.fire(ASSOCIATE_RQ_LOCAL);
            fsm.fire(TRANSPORT_CONNECTED);
            fsm.fire(AC_RECEIVED);
        } else {
            fsm.fire(TRANSPORT_ACCEPTED);
            fsm.fire(RQ_RECEIVED);
            fsm.enter(Sta3);
            fsm.fire(ASSOCIATE_ACCEPT_LOCAL);
        }
        assertThat(fsm.state()).isEqualTo(Sta6);
        return fsm;
    }
}
