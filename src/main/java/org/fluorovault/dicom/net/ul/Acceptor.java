package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Association establishment on the acceptor side: Sta1 -> Sta2 (ARTIM running) -> AE-6 -> Sta3
 * (policy) -> Sta6 with an A-ASSOCIATE-AC, or an A-ASSOCIATE-RJ and Sta13 until the peer closes.
 * <p>
 * Deviation: for a wrong PDU in Sta2 PS3.8 prescribes AA-1, an A-ABORT from the service user. No
 * service user exists yet, so we send it from the service provider (source 2) with the diagnostic.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Association.class.getName());

    private Acceptor() {}

    /** Negotiates on a fresh connection; null if no association came of it (transport then closed). */
    static Association negotiate(PduChannel channel, AssociationParams params, AssociationPolicy policy) {
        Fsm fsm = new Fsm(false);
        fsm.fire(Event.TRANSPORT_ACCEPTED); // AE-5: Sta2, ARTIM started
        Pdu pdu;
        try {
            channel.timeout(params.artimMillis());
            pdu = channel.read();
        } catch (SocketTimeoutException e) {
            LOG.log(
                    Level.INFO,
                    "{0}: no A-ASSOCIATE-RQ within {1} ms",
                    channel.remoteHost(),
                    String.valueOf(params.artimMillis()));
            fsm.fire(Event.ARTIM_EXPIRED); // AA-2
            channel.close();
            return null;
        } catch (UlProtocolException e) {
            LOG.log(Level.INFO, "{0}: {1}", channel.remoteHost(), e.getMessage());
            fsm.fire(Event.INVALID_PDU); // AA-1
            channel.trySend(AAbort.byProvider(e.reason()));
            channel.linger(fsm, params.artimMillis());
            return null;
        } catch (IOException e) {
            fsm.fire(Event.TRANSPORT_CLOSED); // AA-5
            channel.close();
            return null;
        }
        if (pdu == null) {
            fsm.fire(Event.TRANSPORT_CLOSED); // AA-5
            channel.close();
            return null;
        }
        Action action = fsm.fire(Event.received(pdu));
        if (action != Action.AE_6) {
            if (action == Action.AA_1) {
                LOG.log(
                        Level.INFO,
                        "{0}: {1} before A-ASSOCIATE-RQ",
                        channel.remoteHost(),
                        pdu.getClass().getSimpleName());
                channel.trySend(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
                channel.linger(fsm, params.artimMillis());
            }
            channel.close(); // AA-2 on an A-ABORT
            return null;
        }
        AAssociateRq rq = (AAssociateRq) pdu;
        RejectReason invalid = validate(rq);
        if (invalid != null) {
            fsm.enter(State.Sta13);
            return reject(channel, fsm, params, rq, invalid);
        }
        fsm.enter(State.Sta3);
        Decision decision;
        try {
            decision = policy.decide(rq, channel.peer());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "association policy failed on " + AeTitles.printable(rq.callingAet()) + "->"
                            + AeTitles.printable(rq.calledAet()),
                    e);
            decision = Decision.reject(RejectReason.NO_REASON);
        }
        if (decision instanceof Decision.Reject r) {
            fsm.fire(Event.ASSOCIATE_REJECT_LOCAL); // AE-8
            return reject(channel, fsm, params, rq, r.reason());
        }
        AAssociateAc ac = acceptance(rq, (Decision.Accept) decision, params);
        fsm.fire(Event.ASSOCIATE_ACCEPT_LOCAL); // AE-7
        try {
            channel.send(ac);
        } catch (IOException e) {
            fsm.fire(Event.TRANSPORT_CLOSED);
            channel.close();
            return null;
        }
        return new Association(params, channel, fsm, rq, ac);
    }

    private static Association reject(
            PduChannel channel, Fsm fsm, AssociationParams params, AAssociateRq rq, RejectReason reason) {
        LOG.log(
                Level.INFO,
                "{0}->{1} from {2} rejected: {3}",
                AeTitles.printable(rq.callingAet()),
                AeTitles.printable(rq.calledAet()),
                channel.remoteHost(),
                reason);
        try {
            channel.send(AAssociateRj.of(reason));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send A-ASSOCIATE-RJ: {0}", e.getMessage());
        }
        channel.linger(fsm, params.artimMillis());
        return null;
    }

    /** Checks the UL itself makes before any policy: protocol version, maximum length, context IDs. */
    static RejectReason validate(AAssociateRq rq) {
        if ((rq.protocolVersion() & 1) == 0) {
            return RejectReason.PROTOCOL_VERSION_NOT_SUPPORTED;
        }
        long max = rq.userInformation().maxLength();
        if (max > 0 && max < AssociationParams.MIN_PDU_LENGTH) {
            return RejectReason.PROVIDER_NO_REASON;
        }
        Set<Integer> ids = new HashSet<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            if (pc.id() % 2 == 0 || !ids.add(pc.id())) {
                return RejectReason.PROVIDER_NO_REASON;
            }
        }
        return null;
    }

    /** The AC: one answer per proposal in proposal order; proposals the policy skipped get result 2. */
    static AAssociateAc acceptance(AAssociateRq rq, Decision.Accept decision, AssociationParams params) {
        Map<Integer, PresentationContextAc> answers = new HashMap<>();
        for (PresentationContextAc a : decision.presentationContexts()) {
            answers.putIfAbsent(a.id(), a);
        }
        List<PresentationContextAc> pcs = new ArrayList<>();
        for (PresentationContextRq p : rq.presentationContexts()) {
            PresentationContextAc a = answers.get(p.id());
            if (a == null) {
                String ts = p.transferSyntaxes().isEmpty()
                        ? null
                        : p.transferSyntaxes().get(0);
                a = new PresentationContextAc(p.id(), PresentationContextAc.NO_REASON, ts);
            }
            pcs.add(a);
        }
        return new AAssociateAc(
                1,
                rq.calledAet(),
                rq.callingAet(),
                rq.applicationContext(),
                pcs,
                params.userInformation(decision.asyncOpsWindow(), decision.roleSelections(), List.of()));
    }
}
