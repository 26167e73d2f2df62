package org.fluorovault.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;

/** FluoroVault's own N-service SCU for tests: N-CREATE, N-SET, N-ACTION, and N-EVENT-REPORTs received. */
public final class NScu implements AutoCloseable {
    /** An N-EVENT-REPORT-RQ received: its command and data set. */
    public record Report(Attributes command, Attributes dataset) {}

    private final DimseClient client = new DimseClient();
    private final Association assoc;
    private final PresentationContext pc;
    public final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

    public NScu(int port, String calledAet, String callingAet, String sopClass) throws IOException {
        AssociationRequest rq = AssociationRequest.to(calledAet).withContext(sopClass, "1.2.840.10008.1.2.1");
        assoc = Association.connect("127.0.0.1", port, rq, AssociationParams.defaults(callingAet), client);
        client.attach(assoc);
        pc = assoc.findAccepted(sopClass, null).orElseThrow(() -> new IOException(sopClass + " not accepted"));
        client.onRequests(new org.fluorovault.dicom.net.ul.DimseReceiver() {
            @Override
            public void onCommand(Association a, PresentationContext p, byte[] command) throws IOException {
                Attributes cmd = Commands.parse(command);
                Attributes ds = null;
                if (Commands.hasDataset(cmd)) {
                    try (InputStream in = a.openDataStream()) {
                        ds = new DicomReader(in, null).readDataset(TransferSyntax.of(p.transferSyntax()));
                    }
                }
                a.sendMessage(p.id(), Commands.encode(Commands.response(cmd, Status.SUCCESS)), null);
                reports.add(new Report(cmd, ds)); // after the response: the test may release once it sees the report
            }

            @Override
            public void onClosed(Association a, Throwable cause) {}
        });
    }

    public Association association() {
        return assoc;
    }

    public Attributes nCreate(String cuid, String iuid, Attributes ds) throws Exception {
        Attributes c = command(CommandField.N_CREATE_RQ);
        c.setString(Tags.AffectedSOPClassUID, VR.UI, cuid);
        if (iuid != null) c.setString(Tags.AffectedSOPInstanceUID, VR.UI, iuid);
        return invoke(c, ds);
    }

    public Attributes nSet(String cuid, String iuid, Attributes ds) throws Exception {
        Attributes c = command(CommandField.N_SET_RQ);
        c.setString(Tags.RequestedSOPClassUID, VR.UI, cuid);
        c.setString(Tags.RequestedSOPInstanceUID, VR.UI, iuid);
        return invoke(c, ds);
    }

    public Attributes nAction(String cuid, String iuid, int actionType, Attributes ds) throws Exception {
        Attributes c = command(CommandField.N_ACTION_RQ);
        c.setString(Tags.RequestedSOPClassUID, VR.UI, cuid);
        c.setString(Tags.RequestedSOPInstanceUID, VR.UI, iuid);
        c.setInt(Tags.ActionTypeID, VR.US, actionType);
        return invoke(c, ds);
    }

    /** Sends an N-ACTION and aborts the association without waiting for anything. */
    public void nActionThenAbort(String cuid, String iuid, int actionType, Attributes ds) throws IOException {
        Attributes c = command(CommandField.N_ACTION_RQ);
        c.setString(Tags.RequestedSOPClassUID, VR.UI, cuid);
        c.setString(Tags.RequestedSOPInstanceUID, VR.UI, iuid);
        c.setInt(Tags.ActionTypeID, VR.US, actionType);
        TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
        client.send(pc.id(), c, out -> {
            DicomWriter w = new DicomWriter(out);
            w.writeDataset(ds, ts);
            w.flush();
        });
        assoc.abort();
    }

    public Report nextReport(long seconds) throws InterruptedException {
        return reports.poll(seconds, TimeUnit.SECONDS);
    }

    private Attributes command(CommandField f) {
        Attributes c = new Attributes();
        c.setInt(Tags.CommandField, VR.US, f.code());
        c.setInt(Tags.MessageID, VR.US, client.nextMessageId());
        c.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
        return c;
    }

    private Attributes invoke(Attributes c, Attributes ds) throws Exception {
        TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
        return client.invoke(
                        pc.id(),
                        c,
                        out -> {
                            DicomWriter w = new DicomWriter(out);
                            w.writeDataset(ds, ts);
                            w.flush();
                        },
                        null)
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        if (assoc.isOpen()) assoc.release();
    }
}
