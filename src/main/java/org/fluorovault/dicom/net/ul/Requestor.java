package org.fluorovault.dicom.net.ul;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * Association establishment on the requestor side: Sta1 -> Sta4 (connect) -> Sta5 (RQ sent) ->
 * Sta6 on an A-ASSOCIATE-AC. Faults close the transport at once rather than lingering in Sta13,
 * so the caller gets its exception without waiting for ARTIM.
 */
final class Requestor {

    private Requestor() {}

    static Association open(
            String host, int port, AssociationRequest request, AssociationParams params, SocketFactory socketFactory)
            throws IOException {
        Fsm fsm = new Fsm(true);
        fsm.fire(Event.ASSOCIATE_RQ_LOCAL); // AE-1
        AAssociateRq rq = request.toPdu(params);
        Socket socket = socketFactory.createSocket();
        PduChannel channel;
        try {
            socket.connect(new InetSocketAddress(host, port), params.artimMillis());
            channel = new PduChannel(socket, params.maxPduLength());
        } catch (IOException | RuntimeException e) {
            fsm.fire(Event.TRANSPORT_CLOSED); // AA-4
            socket.close();
            throw e;
        }
        fsm.fire(Event.TRANSPORT_CONNECTED); // AE-2
        Pdu answer;
        try {
            channel.send(rq);
            channel.timeout(params.artimMillis());
            answer = channel.read();
        } catch (SocketTimeoutException e) {
            fsm.fire(Event.ABORT_LOCAL); // AA-1
            channel.trySend(AAbort.byUser());
            channel.close();
            throw new SocketTimeoutException("no answer to the A-ASSOCIATE-RQ within " + params.artimMillis() + " ms");
        } catch (UlProtocolException e) {
            fsm.fire(Event.INVALID_PDU); // AA-8
            channel.trySend(AAbort.byProvider(e.reason()));
            channel.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            fsm.fire(Event.TRANSPORT_CLOSED); // AA-4
            channel.close();
            throw e;
        }
        if (answer == null) {
            fsm.fire(Event.TRANSPORT_CLOSED);
            channel.close();
            throw new EOFException("acceptor closed the connection without answering the A-ASSOCIATE-RQ");
        }
        Action action = fsm.fire(Event.received(answer));
        switch (action) {
            case AE_3 -> {
                AAssociateAc ac = (AAssociateAc) answer;
                long peerMax = ac.userInformation().maxLength();
                if (peerMax > 0 && peerMax < AssociationParams.MIN_PDU_LENGTH) {
                    fsm.fire(Event.ABORT_LOCAL);
                    channel.trySend(AAbort.byProvider(AbortReason.INVALID_PDU_PARAMETER_VALUE));
                    channel.close();
                    throw new UlProtocolException(
                            AbortReason.INVALID_PDU_PARAMETER_VALUE,
                            "acceptor's maximum length " + peerMax + " leaves no room for data");
                }
                return new Association(params, channel, fsm, rq, ac);
            }
            case AE_4 -> {
                channel.close();
                throw new AssociationRejectedException((AAssociateRj) answer);
            }
            case AA_3 -> {
                channel.close();
                throw new AssociationAbortedException((AAbort) answer, false);
            }
            default -> { // AA-8: an RQ, P-DATA-TF or release PDU instead of an answer
                channel.trySend(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
                channel.close();
                throw new UlProtocolException(
                        AbortReason.UNEXPECTED_PDU,
                        answer.getClass().getSimpleName() + " in answer to the A-ASSOCIATE-RQ");
            }
        }
    }
}
