package org.fluorovault.node;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.ul.AAssociateRq;
import org.fluorovault.dicom.net.ul.AssociationPolicy;
import org.fluorovault.dicom.net.ul.Decision;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.TransportPeer;

/**
 * The node's answer to an A-ASSOCIATE-RQ: the presentation contexts its services declare (each SOP
 * class in the transfer syntaxes its service accepts; any other abstract syntax is rejected with
 * result 3), then who may associate ({@link PeerAccess}); every rejection is counted.
 */
final class NodePolicy implements AssociationPolicy {
    private final SimpleAssociationPolicy syntaxes;
    private final BiFunction<AAssociateRq, TransportPeer, RejectReason> admission;
    private final Runnable refused;

    /**
     * @param admission the reason to refuse the calling peer, or null to admit it ({@link PeerAccess#admit})
     * @param refused   called once per rejected association
     */
    NodePolicy(
            String aeTitle,
            Collection<? extends DicomServiceProvider> services,
            BiFunction<AAssociateRq, TransportPeer, RejectReason> admission,
            Runnable refused) {
        Map<String, Set<String>> accepted = DicomServiceProvider.acceptedSyntaxes(services);
        // who may associate is the access policy's to decide (fluorovault.dicom.peers, allowed-calling-aets)
        this.syntaxes = SimpleAssociationPolicy.of(aeTitle, Set.of(), accepted);
        this.admission = admission;
        this.refused = refused;
    }

    @Override
    public Decision decide(AAssociateRq rq, String remoteHost) {
        return decide(rq, TransportPeer.plain(remoteHost));
    }

    @Override
    public Decision decide(AAssociateRq rq, TransportPeer peer) {
        Decision d = syntaxes.decide(rq, peer.host());
        if (d instanceof Decision.Accept) {
            RejectReason reason = admission.apply(rq, peer);
            if (reason != null) d = Decision.reject(reason);
        }
        if (d instanceof Decision.Reject) refused.run();
        return d;
    }
}
