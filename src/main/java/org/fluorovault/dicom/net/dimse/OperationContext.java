package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.DataWriter;
import org.fluorovault.dicom.net.ul.PresentationContext;

/**
 * One running {@link DimseOperation}: its request, its identifier, the association's
 * {@link DimseClient} for sub-operations sent back on the same association (C-GET), and the
 * cancel flag that a C-CANCEL-RQ for its Message ID (or the end of the association) sets.
 */
public final class OperationContext {
    private final Association association;
    private final PresentationContext pc;
    private final Attributes command;
    private final Attributes identifier;
    private final DimseClient client;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    OperationContext(
            Association association,
            PresentationContext pc,
            Attributes command,
            Attributes identifier,
            DimseClient client) {
        this.association = association;
        this.pc = pc;
        this.command = command;
        this.identifier = identifier;
        this.client = client;
    }

    public Association association() {
        return association;
    }

    public PresentationContext presentationContext() {
        return pc;
    }

    public Attributes command() {
        return command;
    }

    /** The request's data set, or null when it had none. */
    public Attributes identifier() {
        return identifier;
    }

    public int messageId() {
        return command.getInt(Tags.MessageID, 0);
    }

    /** Sends requests on this association and matches their responses (C-STORE sub-operations of C-GET). */
    public DimseClient client() {
        return client;
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Waits until the operation is cancelled; true if it was within the timeout. */
    public boolean awaitCancel(long timeout, TimeUnit unit) throws InterruptedException {
        return cancelled.await(timeout, unit);
    }

    void cancel() {
        cancelled.countDown();
    }

    /** A response to this request with the given status and no data set. */
    public Attributes response(Status status) {
        return Commands.response(command, status);
    }

    /** Sends a response; {@code dataset}, if not null, is written in the presentation context's transfer syntax. */
    public void respond(Attributes rsp, Attributes dataset) throws IOException {
        DataWriter data = null;
        if (dataset != null) {
            rsp.setInt(Tags.CommandDataSetType, org.fluorovault.dicom.data.VR.US, Commands.DATASET_PRESENT);
            TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
            data = out -> {
                DicomWriter w = new DicomWriter(out);
                w.writeDataset(dataset, ts);
                w.finish();
            };
        }
        association.sendMessage(pc.id(), Commands.encode(rsp), data);
    }
}
