package org.fluorovault.dicom.net.ul;

/**
 * Decides an acceptor's answer to an A-ASSOCIATE-RQ. Called on the association's thread; the
 * protocol version has already been checked. A policy that throws rejects with
 * {@link RejectReason#NO_REASON}.
 */
@FunctionalInterface
public interface AssociationPolicy {

    Decision decide(AAssociateRq rq, String remoteHost);

    /**
     * The same with what the transport knows of the peer (TLS, verified certificate subject); the
     * acceptor calls this one. By default it asks {@link #decide(AAssociateRq, String)}.
     */
    default Decision decide(AAssociateRq rq, TransportPeer peer) {
        return decide(rq, peer.host());
    }
}
