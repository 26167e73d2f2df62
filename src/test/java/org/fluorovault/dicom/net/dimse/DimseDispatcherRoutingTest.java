package org.fluorovault.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.UlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests are routed by (command field, SOP class of the presentation context): two services
 * with the same command field each get their own SOP class, and a request nothing is registered
 * for gets 0211 (command field unknown), 0122 (C-service, other SOP class) or 0118 (N-service,
 * other SOP class).
 */
class DimseDispatcherRoutingTest {
    private static final String IMPLICIT = Uids.ImplicitVRLittleEndian;
    private static final String COMMITMENT = Uids.StorageCommitmentPushModel;
    /** A second N-ACTION SOP class (private). */
    private static final String OTHER_ACTION = "1.2.826.0.1.3680043.10.1443.99.1";

    private static final String MPPS = Uids.ModalityPerformedProcedureStep;
    private static final String FIND = Uids.StudyRootQueryRetrieveInformationModelFind;
    private static final String MWL = Uids.ModalityWorklistInformationModelFind;
    private static final String GET = Uids.StudyRootQueryRetrieveInformationModelGet;
    private static final String XA = Uids.XRayAngiographicImageStorage;
    private static final String CT = Uids.CTImageStorage;
    private static final List<String> ACCEPTED =
            List.of(Uids.Verification, COMMITMENT, OTHER_ACTION, MPPS, FIND, MWL, GET, XA, CT);

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private UlServer server;
    private Association assoc;
    private DimseClient client;

    private DimseService nService(String name) {
        return (a, pc, cmd, data, responder) -> {
            seen.add(name + " " + pc.abstractSyntax());
            responder.respond(Commands.response(cmd, Status.SUCCESS), null);
        };
    }

    private DimseOperation find(String name) {
        return ctx -> {
            seen.add(name + " " + ctx.presentationContext().abstractSyntax() + " "
                    + ctx.identifier().getString(Tags.PatientID));
            ctx.respond(ctx.response(Status.SUCCESS), null);
        };
    }

    @BeforeEach
    void start() throws IOException {
        DimseDispatcher dispatcher = new DimseDispatcher()
                .register(CommandField.N_ACTION_RQ, COMMITMENT, nService("commitment"))
                .register(CommandField.N_ACTION_RQ, OTHER_ACTION, nService("other"))
                .register(CommandField.N_CREATE_RQ, MPPS, nService("mpps"))
                .register(CommandField.C_FIND_RQ, FIND, find("qr"))
                .register(CommandField.C_FIND_RQ, MWL, find("worklist"))
                .register(CommandField.C_GET_RQ, GET, find("get"))
                .registerStore(XA, (ctx, in) -> {
                    seen.add("store " + ctx.sopClassUid() + " " + in.readAllBytes().length);
                    return Status.SUCCESS;
                })
                .onAssociationClosed(a -> closed.countDown());
        new VerificationService().registerOn(dispatcher);
        Map<String, Set<String>> syntaxes = new HashMap<>();
        for (String as : ACCEPTED) syntaxes.put(as, Set.of(IMPLICIT));
        server = new UlServer(
                AssociationParams.defaults("ARCHIVE"),
                SimpleAssociationPolicy.of("ARCHIVE", Set.of(), syntaxes),
                a -> dispatcher);
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        AssociationRequest rq = AssociationRequest.to("ARCHIVE");
        for (String as : ACCEPTED) rq = rq.withContext(as, IMPLICIT);
        client = new DimseClient();
        assoc = Association.connect("127.0.0.1", port, rq, AssociationParams.defaults("SCU"), client);
        client.attach(assoc);
    }

    @AfterEach
    void stop() {
        if (assoc != null) assoc.abort();
        if (server != null) server.stop();
    }

    private int pc(String abstractSyntax) {
        return assoc.findAccepted(abstractSyntax, null)
                .map(PresentationContext::id)
                .orElseThrow();
    }

    private static Attributes nRequest(CommandField field, String cuid, String iuid) {
        Attributes c = new Attributes();
        c.setString(Tags.RequestedSOPClassUID, VR.UI, cuid);
        c.setInt(Tags.CommandField, VR.US, field.code());
        c.setInt(Tags.MessageID, VR.US, 1);
        c.setInt(Tags.CommandDataSetType, VR.US, Commands.NO_DATASET);
        c.setString(Tags.RequestedSOPInstanceUID, VR.UI, iuid);
        if (field == CommandField.N_ACTION_RQ) c.setInt(Tags.ActionTypeID, VR.US, 1);
        return c;
    }

    private Attributes invoke(String abstractSyntax, Attributes rq, byte[] data) throws Exception {
        rq.setInt(Tags.MessageID, VR.US, client.nextMessageId());
        if (data != null) rq.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
        return client.invoke(pc(abstractSyntax), rq, data == null ? null : out -> out.write(data), p -> {})
                .get(20, TimeUnit.SECONDS);
    }

    private static Attributes cFind(String cuid) {
        Attributes c = new Attributes();
        c.setString(Tags.AffectedSOPClassUID, VR.UI, cuid);
        c.setInt(Tags.CommandField, VR.US, CommandField.C_FIND_RQ.code());
        c.setInt(Tags.Priority, VR.US, Commands.PRIORITY_MEDIUM);
        return c;
    }

    private static byte[] identifier(String patientId) throws IOException {
        Attributes id = new Attributes();
        id.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        id.setString(Tags.PatientID, VR.LO, patientId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(id, TransferSyntax.IMPLICIT_LE);
        w.finish();
        return out.toByteArray();
    }

    private static int status(Attributes rsp) {
        return Commands.status(rsp).code();
    }

    @Test
    void twoNActionSopClassesEachReachTheirService() throws Exception {
        assertEquals(
                0x0000,
                status(invoke(OTHER_ACTION, nRequest(CommandField.N_ACTION_RQ, OTHER_ACTION, "1.2.3.4"), null)));
        assertEquals(
                0x0000,
                status(invoke(
                        COMMITMENT,
                        nRequest(CommandField.N_ACTION_RQ, COMMITMENT, Uids.StorageCommitmentPushModelInstance),
                        null)));
        assertEquals(List.of("other " + OTHER_ACTION, "commitment " + COMMITMENT), seen);
    }

    @Test
    void twoFindModelsEachReachTheirOperation() throws Exception {
        assertEquals(0x0000, status(invoke(MWL, cFind(MWL), identifier("P-MWL"))));
        assertEquals(0x0000, status(invoke(FIND, cFind(FIND), identifier("P-QR"))));
        assertEquals(List.of("worklist " + MWL + " P-MWL", "qr " + FIND + " P-QR"), seen);
    }

    @Test
    void anNServiceOnAnotherSopClassIs0118AndAnUnservedCommandField0211() throws Exception {
        Attributes rsp = invoke(MPPS, nRequest(CommandField.N_ACTION_RQ, MPPS, "1.2.3.4"), null);
        assertEquals(0x0118, status(rsp), "N-ACTION is served, but not for MPPS");
        assertTrue(rsp.getString(Tags.ErrorComment).contains("not supported for SOP Class"), rsp.toString());
        assertEquals(
                0x0118, status(invoke(COMMITMENT, nRequest(CommandField.N_CREATE_RQ, COMMITMENT, "1.2.3.4"), null)));
        assertEquals(
                0x0211,
                status(invoke(COMMITMENT, nRequest(CommandField.N_GET_RQ, COMMITMENT, "1.2.3.4"), null)),
                "nothing serves N-GET");
        assertEquals(
                0x0117,
                status(invoke(OTHER_ACTION, nRequest(CommandField.N_ACTION_RQ, OTHER_ACTION, "1.2.03"), null)),
                "an invalid instance UID is refused before routing");
        assertEquals(List.of(), seen);
    }

    @Test
    void aCServiceOnAnotherSopClassIs0122() throws Exception {
        assertEquals(0x0122, status(invoke(GET, cFind(GET), identifier("P1"))), "C-FIND on the GET model");
        Attributes onCt = invoke(CT, Commands.cStoreRq(0, CT, "1.2.3.5", Commands.PRIORITY_MEDIUM), new byte[] {0, 0});
        assertEquals(0x0122, status(onCt), "CT accepted in negotiation but no storage registered for it");
        Attributes echoOnXa = Commands.cEchoRq(0);
        echoOnXa.setString(Tags.AffectedSOPClassUID, VR.UI, XA);
        assertEquals(0x0122, status(invoke(XA, echoOnXa, null)), "C-ECHO belongs to Verification");
        assertEquals(List.of(), seen);
        // the association goes on: the unread data set was drained
        assertEquals(0x0000, status(invoke(Uids.Verification, Commands.cEchoRq(0), null)));
        byte[] four = {1, 2, 3, 4};
        assertEquals(0x0000, status(invoke(XA, Commands.cStoreRq(0, XA, "1.2.3.6", Commands.PRIORITY_MEDIUM), four)));
        assertEquals(List.of("store " + XA + " 4"), seen);
        assertEquals(
                0xC000,
                status(invoke(XA, Commands.cStoreRq(0, XA, "1.2.03", Commands.PRIORITY_MEDIUM), four)),
                "an invalid instance UID in a C-STORE is C000 as before");
    }

    @Test
    void closeListenersHearTheAssociationEnd() throws Exception {
        assoc.release();
        assertTrue(closed.await(20, TimeUnit.SECONDS));
    }

    @Test
    void aSecondHandlerForTheSameRouteIsRefused() {
        DimseDispatcher d = new DimseDispatcher().register(CommandField.C_FIND_RQ, FIND, find("a"));
        assertThrows(IllegalStateException.class, () -> d.register(CommandField.C_FIND_RQ, FIND, find("b")));
        d.register(CommandField.C_FIND_RQ, MWL, find("b")); // another SOP class has its own slot
        assertThrows(
                IllegalStateException.class,
                () -> d.registerStore(XA, (c, in) -> Status.SUCCESS).registerStore(XA, (c, in) -> Status.SUCCESS));
        assertThrows(IllegalArgumentException.class, () -> d.register(CommandField.N_ACTION_RQ, MPPS, find("c")));
    }

    @Test
    void providersDeclareWhatIsAcceptedAndASopClassHasOneProvider() {
        DicomServiceProvider verification = new VerificationService();
        Map<String, Set<String>> accepted = DicomServiceProvider.acceptedSyntaxes(List.of(verification));
        assertEquals(
                Map.of(Uids.Verification, Set.of(IMPLICIT, Uids.ExplicitVRLittleEndian, Uids.ExplicitVRBigEndian)),
                accepted);
        IllegalStateException twice = assertThrows(
                IllegalStateException.class,
                () -> DicomServiceProvider.acceptedSyntaxes(List.of(verification, new VerificationService())));
        assertTrue(twice.getMessage().contains(Uids.Verification), twice.getMessage());
    }
}
