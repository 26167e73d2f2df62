package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.DataWriter;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.PresentationContext;

/**
 * The requestor's DIMSE side: sends requests, matches responses by Message ID Being Responded
 * To, and keeps at most the negotiated number of operations outstanding (asynchronous
 * operations window; 1 when none was negotiated).
 */
public final class DimseClient implements DimseReceiver {
    private record Pending(CompletableFuture<Attributes> future, Consumer<Attributes> onPending) {}

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1);
    private volatile Semaphore window = new Semaphore(1);
    private volatile Association assoc;
    private volatile DimseReceiver requestHandler;

    /** Binds this client to its association once established; sizes the operations window. */
    public void attach(Association association) {
        this.assoc = association;
        int invoked = association.maxOpsInvoked();
        window = new Semaphore(invoked <= 0 ? 64 : invoked);
    }

    /** Handles requests the peer sends us on this association (e.g. C-STORE sub-operations of C-GET). */
    public void onRequests(DimseReceiver handler) {
        this.requestHandler = handler;
    }

    public Association association() {
        return assoc;
    }

    public int nextMessageId() {
        return nextMessageId.getAndUpdate(i -> i >= 0xffff ? 1 : i + 1);
    }

    public CompletableFuture<Attributes> echo() throws IOException, InterruptedException {
        PresentationContext pc = assoc.findAccepted(Uids.Verification, null)
                .orElseThrow(() -> new DimseException(Status.SOP_CLASS_NOT_SUPPORTED, "Verification not accepted"));
        return invoke(pc.id(), Commands.cEchoRq(nextMessageId()), null, null);
    }

    /** Sends a C-STORE; {@code data} writes the data set in the presentation context's transfer syntax. */
    public CompletableFuture<Attributes> store(
            PresentationContext pc, String sopClassUid, String sopInstanceUid, int priority, DataWriter data)
            throws IOException, InterruptedException {
        return invoke(pc.id(), Commands.cStoreRq(nextMessageId(), sopClassUid, sopInstanceUid, priority), data, null);
    }

    /**
     * Sends any request whose Message ID is already set; the future completes with the final
     * response, pending responses go to {@code onPending}.
     */
    public CompletableFuture<Attributes> invoke(
            int pcid, Attributes rq, DataWriter data, Consumer<Attributes> onPending)
            throws IOException, InterruptedException {
        Association a = assoc;
        if (a == null || !a.isOpen()) throw new IOException("association is not open");
        window.acquire();
        int id = rq.getInt(Tags.MessageID, 0);
        CompletableFuture<Attributes> f = new CompletableFuture<>();
        f.whenComplete((r, t) -> window.release());
        pending.put(id, new Pending(f, onPending));
        try {
            a.sendMessage(pcid, Commands.encode(rq), data);
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            f.completeExceptionally(e);
            throw e;
        }
        return f;
    }

    /** Sends a command without waiting for a response (e.g. C-CANCEL). */
    public void send(int pcid, Attributes cmd, DataWriter data) throws IOException {
        assoc.sendMessage(pcid, Commands.encode(cmd), data);
    }

    @Override
    public void onCommand(Association association, PresentationContext pc, byte[] command) throws IOException {
        Attributes cmd = Commands.parse(command);
        CommandField field = Commands.commandField(cmd);
        if (field != null && field.isRequest()) {
            DimseReceiver h = requestHandler;
            if (h != null) h.onCommand(association, pc, command);
            return;
        }
        int id = cmd.getInt(Tags.MessageIDBeingRespondedTo, -1);
        Pending p = pending.get(id);
        if (p == null) return; // late or unknown response: nothing waits for it
        if (Commands.status(cmd).isPending()) {
            if (p.onPending() != null) p.onPending().accept(cmd);
            return;
        }
        pending.remove(id);
        p.future().complete(cmd);
    }

    @Override
    public void onClosed(Association association, Throwable cause) {
        IOException e = new IOException(
                "association closed before the response" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        pending.values().forEach(p -> p.future().completeExceptionally(e));
        pending.clear();
        DimseReceiver h = requestHandler;
        if (h != null) h.onClosed(association, cause);
    }
}
