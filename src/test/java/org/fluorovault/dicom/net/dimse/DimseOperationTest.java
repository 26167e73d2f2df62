package org.fluorovault.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.UlServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operations run off the reader thread: C-CANCEL-RQ reaches the running operation by Message ID,
 * responses to requests the operation sends back on the association (C-GET sub-operations)
 * reach it, and a DimseException becomes the failure response.
 */
class DimseOperationTest {
    private static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final String GET = "1.2.840.10008.5.1.4.1.2.2.3";
    private static final String XA = "1.2.840.10008.5.1.4.1.1.12.1";
    private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LE;

    private UlServer server;
    private Association assoc;
    private final List<String> operationThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (assoc != null) assoc.abort();
        if (server != null) server.stop();
    }

    private DimseClient connect(DimseDispatcher dispatcher, AssociationRequest rq) throws IOException {
        server = new UlServer(
                AssociationParams.defaults("ARCHIVE"),
                SimpleAssociationPolicy.of(
                        "ARCHIVE",
                        Set.of(),
                        Map.of(FIND, Set.of(IMPLICIT), GET, Set.of(IMPLICIT), XA, Set.of(IMPLICIT))),
                a -> dispatcher);
        int port = server.start(InetAddress.getLoopbackAddress(), 0);
        DimseClient client = new DimseClient();
        assoc = Association.connect("127.0.0.1", port, rq, AssociationParams.defaults("SCU"), client);
        client.attach(assoc);
        return client;
    }

    private static Attributes request(int field, String cuid, int msgId) {
        Attributes c = new Attributes();
        c.setString(Tags.AffectedSOPClassUID, VR.UI, cuid);
        c.setInt(Tags.CommandField, VR.US, field);
        c.setInt(Tags.MessageID, VR.US, msgId);
        c.setInt(Tags.Priority, VR.US, Commands.PRIORITY_MEDIUM);
        c.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
        return c;
    }

    private static byte[] identifier() throws IOException {
        Attributes id = new Attributes();
        id.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        id.setString(Tags.PatientID, VR.LO, "P1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(id, TransferSyntax.IMPLICIT_LE);
        w.finish();
        return out.toByteArray();
    }

    @Test
    void cCancelStopsTheRunningFindWithFE00() throws Exception {
        DimseOperation waitForCancel = ctx -> {
            operationThreads.add(Thread.currentThread().getName());
            ctx.respond(ctx.response(Status.PENDING), ctx.identifier());
            try {
                boolean cancelled = ctx.awaitCancel(20, TimeUnit.SECONDS);
                ctx.respond(ctx.response(cancelled ? Status.CANCEL : Status.SUCCESS), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DimseDispatcher dispatcher = new DimseDispatcher().register(CommandField.C_FIND_RQ, FIND, waitForCancel);
        DimseClient client =
                connect(dispatcher, AssociationRequest.to("ARCHIVE").withContext(FIND, IMPLICIT));
        PresentationContext pc = assoc.findAccepted(FIND, null).orElseThrow();
        List<Attributes> pendings = new CopyOnWriteArrayList<>();
        byte[] data = identifier();
        Attributes fin = client.invoke(pc.id(), request(0x0020, FIND, 7), out -> out.write(data), pending -> {
                    pendings.add(pending);
                    Attributes cancel = new Attributes();
                    cancel.setInt(Tags.CommandField, VR.US, CommandField.C_CANCEL_RQ.code());
                    cancel.setInt(Tags.MessageIDBeingRespondedTo, VR.US, 7);
                    cancel.setInt(Tags.CommandDataSetType, VR.US, Commands.NO_DATASET);
                    try {
                        client.send(pc.id(), cancel, null);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get(20, TimeUnit.SECONDS);
        assertEquals(1, pendings.size());
        assertEquals(Commands.DATASET_PRESENT, pendings.get(0).getInt(Tags.CommandDataSetType, -1));
        assertEquals(0xFE00, Commands.status(fin).code(), "final status after C-CANCEL");
        assertEquals(7, fin.getInt(Tags.MessageIDBeingRespondedTo, -1));
        assertTrue(operationThreads.get(0).startsWith("dimse-op-"), operationThreads.toString());
    }

    @Test
    void subOperationResponsesReachTheOperationOnTheSameAssociation() throws Exception {
        byte[] payload = identifier();
        DimseOperation get = ctx -> {
            PresentationContext xa = ctx.association().findAccepted(XA, null).orElseThrow();
            DimseClient c = ctx.client();
            Attributes rsp;
            try {
                rsp = c.store(xa, XA, "1.2.3.4", Commands.PRIORITY_MEDIUM, out -> out.write(payload))
                        .get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new DimseException(QueryRetrieveStatus.UNABLE_TO_PROCESS, "sub-operation: " + e);
            }
            ctx.respond(Commands.setSuboperations(ctx.response(Commands.status(rsp)), -1, 1, 0, 0), null);
        };
        DimseDispatcher dispatcher = new DimseDispatcher().register(CommandField.C_GET_RQ, GET, get);
        List<byte[]> stored = new CopyOnWriteArrayList<>();
        DimseClient client = connect(
                dispatcher,
                AssociationRequest.to("ARCHIVE")
                        .withContext(GET, IMPLICIT)
                        .withContext(XA, IMPLICIT)
                        .withRole(XA, false, true));
        client.onRequests((a, pc, command) -> { // we are the storage SCP of the C-GET
            Attributes rq = Commands.parse(command);
            try (InputStream in = a.openDataStream()) {
                stored.add(in.readAllBytes());
            }
            a.sendMessage(pc.id(), Commands.encode(Commands.response(rq, Status.SUCCESS)), null);
        });
        PresentationContext pc = assoc.findAccepted(GET, null).orElseThrow();
        Attributes fin = client.invoke(pc.id(), request(0x0010, GET, 3), out -> out.write(payload), p -> {})
                .get(20, TimeUnit.SECONDS);
        assertEquals(0x0000, Commands.status(fin).code());
        assertEquals(1, fin.getInt(Tags.NumberOfCompletedSuboperations, -1));
        assertEquals(1, stored.size());
        assertArrayEquals(payload, stored.get(0));
    }

    @Test
    void aDimseExceptionBecomesTheFailureResponseWithItsComment() throws Exception {
        DimseDispatcher dispatcher = new DimseDispatcher().register(CommandField.C_FIND_RQ, FIND, ctx -> {
            throw new DimseException(
                    QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "no level", Tags.QueryRetrieveLevel);
        });
        DimseClient client =
                connect(dispatcher, AssociationRequest.to("ARCHIVE").withContext(FIND, IMPLICIT));
        PresentationContext pc = assoc.findAccepted(FIND, null).orElseThrow();
        byte[] data = identifier();
        for (int id = 1; id <= 2; id++) { // twice: the association keeps serving
            Attributes fin = client.invoke(pc.id(), request(0x0020, FIND, id), out -> out.write(data), p -> {})
                    .get(20, TimeUnit.SECONDS);
            assertEquals(0xA900, Commands.status(fin).code());
            assertEquals("no level", fin.getString(Tags.ErrorComment));
            assertEquals(Tags.QueryRetrieveLevel, fin.getInt(Tags.OffendingElement, -1));
        }
    }

    @Test
    void anUnreadableIdentifierIsC000AndTheAssociationGoesOn() throws Exception {
        List<Attributes> seen = new CopyOnWriteArrayList<>();
        DimseDispatcher dispatcher = new DimseDispatcher().register(CommandField.C_FIND_RQ, FIND, ctx -> {
            seen.add(ctx.identifier());
            ctx.respond(ctx.response(Status.SUCCESS), null);
        });
        DimseClient client =
                connect(dispatcher, AssociationRequest.to("ARCHIVE").withContext(FIND, IMPLICIT));
        PresentationContext pc = assoc.findAccepted(FIND, null).orElseThrow();
        // (0010,0020) claiming 4096 bytes, followed by 4: truncated
        byte[] truncated = {0x10, 0x00, 0x20, 0x00, 0x00, 0x10, 0x00, 0x00, 'P', '1', ' ', ' '};
        Attributes fin = client.invoke(pc.id(), request(0x0020, FIND, 1), out -> out.write(truncated), p -> {})
                .get(20, TimeUnit.SECONDS);
        assertEquals(0xC000, Commands.status(fin).code());
        assertTrue(fin.getString(Tags.ErrorComment).startsWith("Unreadable identifier"), fin.toString());
        assertTrue(seen.isEmpty());
        byte[] data = identifier();
        fin = client.invoke(pc.id(), request(0x0020, FIND, 2), out -> out.write(data), p -> {})
                .get(20, TimeUnit.SECONDS);
        assertEquals(0x0000, Commands.status(fin).code());
        assertEquals("P1", seen.get(0).getString(Tags.PatientID));
    }
}
