package org.fluorovault.dicom.net.ul;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;

/**
 * The reader thread of an established association (Sta6 onwards): reads PDUs, runs them through
 * the state machine, reassembles command sets, hands them to the {@link DimseReceiver} with the
 * data set as a {@link DataStream}, drains what the receiver leaves, answers release requests and
 * turns protocol faults into A-ABORTs. Ends when the state machine reaches Sta1.
 */
final class AssociationReader {

    private static final System.Logger LOG = System.getLogger(Association.class.getName());
    /** Largest command set accepted; commands are a few hundred bytes. */
    static final int MAX_COMMAND_LENGTH = 1 << 20;

    private final Association assoc;
    private final PduChannel channel;
    private final Fsm fsm;
    private final ArrayDeque<Pdv> pending = new ArrayDeque<>();
    private ByteArrayOutputStream command;
    private int commandPcid;
    /** Context whose data set the receiver did not open: its data PDVs are discarded. */
    private int drainPcid = -1;

    private DataStream current;

    AssociationReader(Association assoc, PduChannel channel, Fsm fsm) {
        this.assoc = assoc;
        this.channel = channel;
        this.fsm = fsm;
    }

    void run(DimseReceiver receiver) {
        try {
            channel.timeout(assoc.params().idleTimeoutMillis());
            Pdv pdv;
            while ((pdv = nextPdv()) != null) {
                onPdv(pdv, receiver);
            }
        } catch (UlProtocolException e) {
            protocolFault(e);
        } catch (Exception | Error e) {
            if (fsm.state().established()) {
                LOG.log(Level.WARNING, assoc.name() + ": receiver failed, aborting", e);
                assoc.abortLocally(AAbort.byUser(), e);
            }
        } finally {
            if (fsm.state() == State.Sta13) {
                channel.linger(fsm, assoc.params().artimMillis());
            }
            channel.close();
            assoc.ended(receiver);
        }
    }

    /** The data set stream of the message being delivered; only inside onCommand. */
    DataStream openDataStream() {
        if (current == null) {
            throw new IllegalStateException("openDataStream() is only valid inside DimseReceiver.onCommand");
        }
        return current.open();
    }

    Throwable endCause() {
        return assoc.cause();
    }

    /**
     * The next PDV; every other PDU is handled through the state machine on the way. Returns null
     * once the association has ended and the transport is closed.
     */
    Pdv nextPdv() {
        while (true) {
            Pdv pdv = pending.poll();
            if (pdv != null) {
                return pdv;
            }
            State state = fsm.state();
            if (state == State.Sta1) {
                return null;
            }
            if (state == State.Sta13) {
                channel.linger(fsm, assoc.params().artimMillis());
                continue;
            }
            try {
                Pdu pdu = channel.read();
                if (pdu == null) {
                    transportClosed(null);
                } else {
                    onPdu(pdu);
                }
            } catch (SocketTimeoutException e) {
                assoc.abortLocally(
                        AAbort.byProvider(AbortReason.REASON_NOT_SPECIFIED),
                        new SocketTimeoutException(
                                "no PDU from the peer within " + assoc.params().idleTimeoutMillis() + " ms"));
            } catch (UlProtocolException e) {
                protocolFault(e);
            } catch (IOException e) {
                transportClosed(e);
            }
        }
    }

    private void onPdu(Pdu pdu) throws IOException {
        State before = fsm.state();
        Action action = fsm.fire(Event.received(pdu));
        switch (action) {
            case DT_2, AR_6 -> pending.addAll(((PDataTf) pdu).pdvs());
            case AR_2 -> {
                LOG.log(Level.DEBUG, "{0}: release requested by peer", assoc.name());
                fsm.fire(Event.RELEASE_RESPONSE_LOCAL); // AR-4: RP, then Sta13 until the peer closes
                channel.send(new AReleaseRp());
            }
            case AR_8 -> {
                LOG.log(Level.DEBUG, "{0}: release collision", assoc.name());
                if (fsm.state() == State.Sta9) {
                    fsm.fire(Event.RELEASE_RESPONSE_LOCAL); // AR-9: RP, then await the peer's RP in Sta11
                    channel.send(new AReleaseRp());
                }
            }
            case AR_10 -> {
                fsm.fire(Event.RELEASE_RESPONSE_LOCAL); // AR-4 from Sta12
                channel.send(new AReleaseRp());
            }
            case AR_3, AA_2 -> channel.close();
            case AA_3 -> {
                assoc.cause(new AssociationAbortedException((AAbort) pdu, false));
                channel.close();
            }
            case AA_6 -> {
                // ignored in Sta13
            }
            case AA_7 -> channel.trySend(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
            case AA_8 -> {
                assoc.cause(new UlProtocolException(
                        AbortReason.UNEXPECTED_PDU, pduName(pdu) + " not expected in " + before));
                channel.trySend(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
            }
            default -> throw new IllegalStateException(action + " on " + pduName(pdu));
        }
    }

    private void onPdv(Pdv pdv, DimseReceiver receiver) throws IOException {
        if (!pdv.command()) {
            if (command == null && pdv.pcid() == drainPcid) {
                drainPcid = pdv.last() ? -1 : drainPcid;
                return;
            }
            throw new UlProtocolException(
                    AbortReason.UNEXPECTED_PDU_PARAMETER,
                    "data PDV on presentation context " + pdv.pcid() + " without a command before it");
        }
        drainPcid = -1;
        if (command == null) {
            command = new ByteArrayOutputStream();
            commandPcid = pdv.pcid();
        } else if (pdv.pcid() != commandPcid) {
            throw new UlProtocolException(
                    AbortReason.UNEXPECTED_PDU_PARAMETER,
                    "command PDV on presentation context " + pdv.pcid() + " inside the command on " + commandPcid);
        }
        PresentationContext pc = assoc.presentationContext(pdv.pcid());
        if (pc == null || !pc.accepted()) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "PDV on presentation context " + pdv.pcid() + " which is not accepted");
        }
        if (command.size() + (long) pdv.data().length > MAX_COMMAND_LENGTH) {
            throw new UlProtocolException(
                    AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "command set longer than " + MAX_COMMAND_LENGTH + " bytes");
        }
        command.write(pdv.data());
        if (pdv.last()) {
            byte[] bytes = command.toByteArray();
            command = null;
            deliver(pc, bytes, receiver);
        }
    }

    private void deliver(PresentationContext pc, byte[] bytes, DimseReceiver receiver) throws IOException {
        DataStream stream = new DataStream(this, pc.id());
        current = stream;
        try {
            receiver.onCommand(assoc, pc, bytes);
        } catch (IOException | RuntimeException e) {
            if (stream.failure() != null) {
                throw stream.failure();
            }
            throw e;
        } finally {
            current = null;
        }
        if (stream.opened()) {
            stream.drain();
        } else {
            drainPcid = pc.id();
        }
    }

    /** Evt19 (or a P-DATA-TF whose PDVs break the message structure): A-ABORT with the reason. */
    private void protocolFault(UlProtocolException e) {
        Action action = fsm.fire(Event.INVALID_PDU);
        if (action == Action.AA_8 || action == Action.AA_7) {
            assoc.cause(e);
            LOG.log(Level.INFO, "{0}: protocol error, sending A-ABORT: {1}", assoc.name(), e.getMessage());
            channel.trySend(AAbort.byProvider(e.reason()));
        }
        if (action == Action.AA_7) {
            fsm.fire(Event.ARTIM_EXPIRED);
            channel.close();
        }
    }

    private void transportClosed(IOException e) {
        if (fsm.state() == State.Sta1) {
            return; // closed by a local abort
        }
        if (fsm.fire(Event.TRANSPORT_CLOSED) == Action.AA_4) {
            assoc.cause(e != null ? e : new EOFException("peer closed the connection without release or abort"));
        }
        channel.close();
    }

    private static String pduName(Pdu pdu) {
        return pdu.getClass().getSimpleName();
    }
}
