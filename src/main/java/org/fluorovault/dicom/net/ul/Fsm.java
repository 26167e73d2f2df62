package org.fluorovault.dicom.net.ul;

import java.lang.System.Logger.Level;

/**
 * The Upper Layer protocol machine of one connection: its current {@link State} and the
 * transitions of PS3.8 Table 9-10. It only decides; the caller performs the returned action.
 * Thread-safe, since the reader thread and local primitives both fire events.
 */
final class Fsm {

    private static final System.Logger LOG = System.getLogger(Fsm.class.getName());

    private final boolean requestor;
    private State state = State.Sta1;

    Fsm(boolean requestor) {
        this.requestor = requestor;
    }

    /**
     * Fires an event: returns the action of the table and moves to its next state, or returns null
     * and stays put if the table has no action for the event in this state. For AE-6 the state is
     * left for the caller to set with {@link #enter}.
     */
    synchronized Action fire(Event event) {
        State from = state;
        Action action = from.on(event);
        if (action == null) {
            return null;
        }
        if (action == Action.AR_8) {
            state = requestor ? State.Sta9 : State.Sta10;
        } else if (action.next() != null) {
            state = action.next();
        }
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, "{0} {1}: {2} -> {3}", from, event, action, state);
        }
        return action;
    }

    /** Completes AE-6: Sta3 if the request is acceptable, Sta13 if it is rejected at once. */
    synchronized void enter(State next) {
        if (state != State.Sta2 || (next != State.Sta3 && next != State.Sta13)) {
            throw new IllegalStateException("AE-6 cannot go from " + state + " to " + next);
        }
        state = next;
    }

    synchronized State state() {
        return state;
    }

    boolean requestor() {
        return requestor;
    }
}
