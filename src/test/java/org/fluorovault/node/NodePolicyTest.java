package org.fluorovault.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.dimse.VerificationService;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.Decision;
import org.fluorovault.dicom.net.ul.PresentationContextAc;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.dicom.net.ul.TransportPeer;
import org.fluorovault.dicom.net.ul.UlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the node accepts is what its registered services declare, nothing more. */
class NodePolicyTest {
    /** A SOP class no real service of the node serves. */
    private static final String FAKE = "1.2.826.0.1.3680043.10.1443.99.2";

    private static final String IMPLICIT = Uids.ImplicitVRLittleEndian;
    private static final String EXPLICIT = Uids.ExplicitVRLittleEndian;

    private UlServer server;
    private Association assoc;
    private DimseClient client;

    @AfterEach
    void stop() {
        if (assoc != null) assoc.abort();
        if (server != null) server.stop();
    }

    /** Serves {@link #FAKE} in explicit VR little endian only, answering N-ACTION with success. */
    private static final class FakeService implements DicomServiceProvider {
        @Override
        public Set<String> sopClasses() {
            return Set.of(FAKE);
        }

        @Override
        public Set<String> transferSyntaxes(String sopClass) {
            return Set.of(EXPLICIT);
        }

        @Override
        public void registerOn(DimseDispatcher dispatcher) {
            dispatcher.register(
                    CommandField.N_ACTION_RQ,
                    FAKE,
                    (a, pc, cmd, data, responder) -> responder.respond(Commands.response(cmd, Status.SUCCESS), null));
        }
    }

    private Association connect(List<DicomServiceProvider> services, AssociationRequest rq) throws Exception {
        NodePolicy policy = new NodePolicy("NODE", services, (r, peer) -> null, () -> {});
        DimseDispatcher dispatcher = DicomServiceProvider.dispatcher(services);
        server = new UlServer(AssociationParams.defaults("NODE"), policy, a -> dispatcher);
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        client = new DimseClient();
        assoc = Association.connect("127.0.0.1", port, rq, AssociationParams.defaults("SCU"), client);
        client.attach(assoc);
        return assoc;
    }

    private static int result(Association a, int pcid) {
        return a.presentationContexts().stream()
                .filter(pc -> pc.id() == pcid)
                .findFirst()
                .orElseThrow()
                .result();
    }

    @Test
    void aRegisteredServiceAddsItsSopClassInItsTransferSyntaxes() throws Exception {
        AssociationRequest rq = AssociationRequest.to("NODE")
                .withContext(Uids.Verification, IMPLICIT) // 1
                .withContext(FAKE, IMPLICIT, EXPLICIT) // 3
                .withContext(FAKE, IMPLICIT) // 5
                .withContext(Uids.CTImageStorage, IMPLICIT); // 7
        Association a = connect(List.of(new VerificationService(), new FakeService()), rq);
        assertEquals(PresentationContextAc.ACCEPTANCE, result(a, 1));
        assertEquals(PresentationContextAc.ACCEPTANCE, result(a, 3));
        assertEquals(EXPLICIT, a.presentationContext(3).transferSyntax());
        assertEquals(PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED, result(a, 5));
        assertEquals(
                PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED, result(a, 7), "no service declares CT storage");
        // and a request on it reaches the service that declared it
        Attributes action = new Attributes();
        action.setString(Tags.RequestedSOPClassUID, VR.UI, FAKE);
        action.setInt(Tags.CommandField, VR.US, CommandField.N_ACTION_RQ.code());
        action.setInt(Tags.MessageID, VR.US, client.nextMessageId());
        action.setInt(Tags.CommandDataSetType, VR.US, Commands.NO_DATASET);
        action.setString(Tags.RequestedSOPInstanceUID, VR.UI, "1.2.3.4");
        Attributes rsp = client.invoke(3, action, null, p -> {}).get(20, TimeUnit.SECONDS);
        assertEquals(Status.SUCCESS, Commands.status(rsp));
    }

    @Test
    void withoutTheServiceItsSopClassIsNotSupported() throws Exception {
        AssociationRequest rq = AssociationRequest.to("NODE")
                .withContext(Uids.Verification, IMPLICIT)
                .withContext(FAKE, EXPLICIT);
        Association a = connect(List.of(new VerificationService()), rq);
        assertEquals(PresentationContextAc.ACCEPTANCE, result(a, 1));
        assertEquals(PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED, result(a, 3));
    }

    @Test
    void nothingAcceptedIsARejectionAndCounted() {
        AtomicInteger refused = new AtomicInteger();
        NodePolicy policy =
                new NodePolicy("NODE", List.of(new VerificationService()), (r, peer) -> null, refused::incrementAndGet);
        Decision d = policy.decide(
                AssociationRequest.to("NODE").withContext(FAKE, EXPLICIT).toPdu(AssociationParams.defaults("SCU")),
                TransportPeer.plain("127.0.0.1"));
        assertEquals(
                RejectReason.NO_REASON,
                assertInstanceOf(Decision.Reject.class, d).reason());
        NodePolicy admitNone = new NodePolicy(
                "NODE",
                List.of(new VerificationService()),
                (r, peer) -> RejectReason.CALLING_AE_NOT_RECOGNIZED,
                refused::incrementAndGet);
        d = admitNone.decide(
                AssociationRequest.to("NODE")
                        .withContext(Uids.Verification, IMPLICIT)
                        .toPdu(AssociationParams.defaults("SCU")),
                TransportPeer.plain("127.0.0.1"));
        assertEquals(
                RejectReason.CALLING_AE_NOT_RECOGNIZED,
                assertInstanceOf(Decision.Reject.class, d).reason());
        assertEquals(2, refused.get());
    }

    @Test
    void twoServicesForOneSopClassStopTheNode() {
        assertThrows(
                IllegalStateException.class,
                () -> new NodePolicy(
                        "NODE",
                        List.of(new VerificationService(), new VerificationService()),
                        (r, peer) -> null,
                        () -> {}));
    }
}
