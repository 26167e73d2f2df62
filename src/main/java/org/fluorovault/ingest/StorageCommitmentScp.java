package org.fluorovault.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.CommitmentStatus;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.DimseResponder;
import org.fluorovault.dicom.net.dimse.DimseService;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.DataWriter;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Storage Commitment Push Model SCP (PS3.4 J.3): answers the N-ACTION at once, then checks each
 * referenced instance (indexed, and its file still hashes to the recorded SHA-256) and sends the
 * N-EVENT-REPORT (1: all committed, 2: failures present) on the requesting association while it
 * is open, otherwise on a new association to the requester's configured address, proposing the
 * SCP role for the SOP class.
 */
@Component
final class StorageCommitmentScp implements DimseService, DicomServiceProvider {
    static final String SOP_CLASS = Uids.StorageCommitmentPushModel;
    static final String SOP_INSTANCE = Uids.StorageCommitmentPushModelInstance;
    /** Implicit or explicit VR little endian. */
    static final Set<String> TRANSFER_SYNTAXES =
            TransferSyntaxRegistry.uids(Uids.ImplicitVRLittleEndian, Uids.ExplicitVRLittleEndian);

    private static final Logger LOG = LoggerFactory.getLogger(StorageCommitmentScp.class);

    private final InstanceIndex index;
    private final ArchiveStore archive;
    private final CommitmentProperties props;
    private final AssociationParams params;
    private final PendingCommitments pending;
    private final SocketFactory tlsSockets;
    public static final String QUEUE = "storage-commitment";
    private volatile DimseDispatcher dispatcher;
    private volatile boolean running;
    private final WorkQueue queue;
    private final BackgroundWork work;
    /** Requests waiting for their report, by id: with the requesting association while it may still be open. */
    private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

    /** A recorded request and where it came from (null association: recorded before a restart). */
    private record Waiting(Association assoc, PresentationContext pc, PendingCommitments.Pending pending) {}

    /**
     * @param params the node's association settings, for reports sent on a new association
     * @param tls    the node's TLS identity; a requester marked TLS without one is a configuration error
     */
    StorageCommitmentScp(
            InstanceIndex index,
            ArchiveStore archive,
            CommitmentProperties props,
            AssociationParams params,
            PendingCommitments pending,
            DicomTlsContext tls,
            BackgroundWork work) {
        this.index = index;
        this.archive = archive;
        this.props = props;
        this.params = params;
        this.pending = pending;
        props.commitmentRequesters().forEach((aet, r) -> {
            if (r.tls()) tls.require("Storage commitment requester " + aet); // no TLS without our key
        });
        this.tlsSockets = tls.tls().<SocketFactory>map(DicomTls::socketFactory).orElse(null);
        // a request left out when full stays recorded and is reported after the next start
        this.work = work;
        this.queue = work.queue(QUEUE, 10_000, true, "its report is sent after the next start", this::report);
    }

    @Override
    public Set<String> sopClasses() {
        return Set.of(SOP_CLASS);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return TRANSFER_SYNTAXES;
    }

    /** Answers N-ACTION on the dispatcher, whose association clients then carry the reports. */
    @Override
    public synchronized void registerOn(DimseDispatcher dispatcher) {
        if (this.dispatcher != null) throw new IllegalStateException("storage commitment serves one dispatcher");
        dispatcher.register(CommandField.N_ACTION_RQ, SOP_CLASS, this);
        this.dispatcher = dispatcher;
    }

    /**
     * Queues the reports of the requests recorded before the last stop; they go to the requesters' configured
     * addresses. Reports are sent in order on the {@link BackgroundWork} queue {@value #QUEUE}.
     */
    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        List<PendingCommitments.Pending> left = pending.all();
        if (!left.isEmpty()) LOG.info("storage commitment: {} report(s) left from before the restart", left.size());
        for (PendingCommitments.Pending p : left) {
            waiting.putIfAbsent(p.id(), new Waiting(null, null, p));
            queue.submit(Long.toString(p.id()));
        }
    }

    /**
     * Stops reporting: reports not started stay recorded for the next start; the one being sent is finished (the
     * background queue waits for it at shutdown), so no report goes out twice.
     */
    @Override
    public synchronized void stop() {
        running = false;
        waiting.clear();
        try { // queued reports now return at once; the one being sent is finished, so it is forgotten once delivered
            if (!work.awaitIdle(props.commitmentReportTimeout().toMillis() + 5000, QUEUE)) {
                LOG.warn(
                        "storage commitment: a report was still being sent at stop; it is sent again after the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One referenced instance and the failure reason, 0 when committed. */
    record Outcome(String sopClassUid, String sopInstanceUid, int failureReason) {}

    @Override
    public void onRequest(
            Association assoc, PresentationContext pc, Attributes cmd, InputStream data, DimseResponder responder)
            throws IOException {
        if (data == null)
            throw new DimseException(CommitmentStatus.MISSING_ATTRIBUTE, "N-ACTION-RQ without a data set");
        Attributes ds;
        try {
            ds = new DicomReader(data, null)
                    .maxValueLength(1 << 16)
                    .readDataset(TransferSyntax.of(pc.transferSyntax()));
        } catch (IOException e) {
            throw new DimseException(CommitmentStatus.PROCESSING_FAILURE, "Unreadable data set: " + e.getMessage());
        }
        if (!SOP_CLASS.equals(cmd.getString(Tags.RequestedSOPClassUID))) {
            throw new DimseException(
                    CommitmentStatus.NO_SUCH_SOP_CLASS, "Not the Storage Commitment Push Model SOP Class");
        }
        if (!SOP_INSTANCE.equals(cmd.getString(Tags.RequestedSOPInstanceUID))) {
            throw new DimseException(
                    CommitmentStatus.NO_SUCH_OBJECT_INSTANCE, "Requested SOP Instance is not " + SOP_INSTANCE);
        }
        int action = cmd.getInt(Tags.ActionTypeID, -1);
        if (action != 1) throw new DimseException(CommitmentStatus.NO_SUCH_ACTION, "Action Type ID must be 1");
        String transaction = ds.getString(Tags.TransactionUID);
        if (transaction == null || transaction.isBlank()) {
            throw new DimseException(
                    CommitmentStatus.MISSING_ATTRIBUTE, "Transaction UID missing", Tags.TransactionUID);
        }
        Sequence refs = ds.getSequence(Tags.ReferencedSOPSequence);
        if (refs == null || refs.isEmpty()) {
            throw new DimseException(
                    CommitmentStatus.MISSING_ATTRIBUTE,
                    "Referenced SOP Sequence missing or empty",
                    Tags.ReferencedSOPSequence);
        }
        List<String[]> requested = new ArrayList<>();
        for (Attributes r : refs) {
            requested.add(
                    new String[] {r.getString(Tags.ReferencedSOPClassUID), r.getString(Tags.ReferencedSOPInstanceUID)});
        }
        if (!running) throw new DimseException(CommitmentStatus.PROCESSING_FAILURE, "Storage commitment is stopping");
        PendingCommitments.Pending p;
        try {
            p = pending.add(transaction, assoc.callingAet(), requested);
        } catch (RuntimeException e) {
            LOG.error("{}: storage commitment {} not recorded: {}", assoc.name(), transaction, e.toString());
            throw new DimseException(CommitmentStatus.PROCESSING_FAILURE, "Request could not be recorded");
        }
        Attributes rsp = Commands.response(cmd, Status.SUCCESS);
        rsp.setInt(Tags.ActionTypeID, VR.US, 1);
        LOG.info("{}: storage commitment {} requested for {} instance(s)", assoc.name(), transaction, requested.size());
        try {
            responder.respond(rsp, null);
        } finally { // accepted even when the response cannot be sent: the report goes to a new association
            waiting.put(p.id(), new Waiting(assoc, pc, p));
            if (!queue.submit(Long.toString(p.id()))) {
                waiting.remove(p.id());
                LOG.info(
                        "{}: storage commitment {} recorded; reported after the next start", assoc.name(), transaction);
            }
        }
    }

    /**
     * Checks the instances and delivers the report: on the requesting association while it is
     * open, else on a new one; forgets the request once delivered.
     *
     * @param assoc the requesting association, null for a request recorded before a restart
     */
    private void report(String id) {
        Waiting w = waiting.remove(Long.parseLong(id));
        if (w == null || !running) return; // reported already, or stopping: the request stays recorded
        commitAndReport(w.assoc(), w.pc(), w.pending());
    }

    private void commitAndReport(Association assoc, PresentationContext pc, PendingCommitments.Pending p) {
        String transaction = p.transactionUid();
        String name = assoc != null ? assoc.name() : p.callingAet() + " (recorded)";
        List<Outcome> outcomes = new ArrayList<>();
        for (String[] r : p.references()) outcomes.add(new Outcome(r[0], r[1], check(r[0], r[1])));
        Attributes report = report(transaction, outcomes);
        int event = outcomes.stream().allMatch(o -> o.failureReason() == 0) ? 1 : 2;
        long failed = outcomes.stream().filter(o -> o.failureReason() != 0).count();
        LOG.info(
                "{}: storage commitment {}: {} committed, {} failed",
                name,
                transaction,
                outcomes.size() - failed,
                failed);
        if (Thread.currentThread().isInterrupted()) return; // stopping: reported after the next start
        if (assoc != null && assoc.isOpen()) {
            try {
                send(dispatcher.clientFor(assoc), pc.id(), pc.transferSyntax(), event, report, assoc.name());
                pending.remove(p.id());
                return;
            } catch (IOException | RuntimeException e) {
                LOG.info(
                        "{}: N-EVENT-REPORT for {} not sent on the requesting association ({}); trying a new one",
                        assoc.name(),
                        transaction,
                        e.getMessage());
            }
        }
        if (Thread.currentThread().isInterrupted()) return; // stopping: reported after the next start
        CommitmentProperties.Requester to = props.commitmentRequesters().get(p.callingAet());
        if (to == null) {
            LOG.error(
                    "storage commitment {}: association of {} closed and no commitment-requesters entry for it:"
                            + " report kept for the next start",
                    transaction,
                    p.callingAet());
            return;
        }
        if (sendOnNewAssociation(p.callingAet(), to, event, report, transaction)) pending.remove(p.id());
    }

    /** True when the report was sent on a new association. */
    private boolean sendOnNewAssociation(
            String aet, CommitmentProperties.Requester to, int event, Attributes report, String transaction) {
        AssociationRequest rq = AssociationRequest.to(aet)
                .withContext(SOP_CLASS, Uids.ExplicitVRLittleEndian, Uids.ImplicitVRLittleEndian)
                .withRole(SOP_CLASS, false, true);
        DimseClient client = new DimseClient();
        try {
            Association out = Association.connect(
                    to.host(), to.port(), rq, params, client, to.tls() ? tlsSockets : SocketFactory.getDefault());
            client.attach(out);
            try {
                PresentationContext pc = out.findAccepted(SOP_CLASS, null)
                        .orElseThrow(() -> new IOException("Storage Commitment not accepted by " + aet));
                send(client, pc.id(), pc.transferSyntax(), event, report, out.name());
                return true;
            } finally {
                release(out);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "storage commitment {}: N-EVENT-REPORT to {} at {}:{}{} failed, kept for the next start: {}",
                    transaction,
                    aet,
                    to.host(),
                    to.port(),
                    to.tls() ? " (TLS)" : "",
                    e.toString());
            return false;
        }
    }

    /** Releases an association whose work is done; a failed release does not undo it. */
    private static void release(Association a) {
        if (!a.isOpen()) return;
        try {
            a.release();
        } catch (IOException e) {
            LOG.info("{}: release failed ({}), aborting", a.name(), e.getMessage());
            a.abort();
        }
    }

    private void send(DimseClient client, int pcid, String tsuid, int event, Attributes report, String name)
            throws IOException {
        Attributes rq = new Attributes();
        rq.setString(Tags.AffectedSOPClassUID, VR.UI, SOP_CLASS);
        rq.setInt(Tags.CommandField, VR.US, CommandField.N_EVENT_REPORT_RQ.code());
        rq.setInt(Tags.MessageID, VR.US, client.nextMessageId());
        rq.setInt(Tags.CommandDataSetType, VR.US, Commands.DATASET_PRESENT);
        rq.setString(Tags.AffectedSOPInstanceUID, VR.UI, SOP_INSTANCE);
        rq.setInt(Tags.EventTypeID, VR.US, event);
        TransferSyntax ts = TransferSyntax.of(tsuid);
        DataWriter writer = out -> {
            DicomWriter w = new DicomWriter(out);
            w.writeDataset(report, ts);
            w.flush();
        };
        try {
            Attributes rsp = client.invoke(pcid, rq, writer, null)
                    .get(props.commitmentReportTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Status st = Commands.status(rsp);
            LOG.info("{}: N-EVENT-REPORT (event {}) answered with {} {}", name, event, st, st.description());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(
                    e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: no N-EVENT-REPORT-RSP within {}", name, props.commitmentReportTimeout());
        }
    }

    /** 0 when committed, else the Failure Reason (PS3.4 J.3.2.1.1.1). */
    int check(String sopClassUid, String sopInstanceUid) {
        if (sopInstanceUid == null || sopInstanceUid.isBlank())
            return CommitmentStatus.FAILURE_NO_SUCH_OBJECT_INSTANCE.code();
        StoredInstance si = index.find(sopInstanceUid);
        if (si == null) return CommitmentStatus.FAILURE_NO_SUCH_OBJECT_INSTANCE.code();
        if (sopClassUid != null && !sopClassUid.equals(si.sopClassUid())) {
            return CommitmentStatus.FAILURE_CLASS_INSTANCE_CONFLICT.code();
        }
        if (archive.verify(si)) return 0;
        LOG.error("storage commitment: {} no longer matches its recorded SHA-256", sopInstanceUid);
        return CommitmentStatus.FAILURE_PROCESSING.code();
    }

    Attributes report(String transaction, List<Outcome> outcomes) {
        Attributes ds = new Attributes();
        ds.setString(Tags.TransactionUID, VR.UI, transaction);
        ds.setString(Tags.RetrieveAETitle, VR.AE, params.aeTitle());
        for (Outcome o : outcomes) {
            Attributes item = ds.addItem(o.failureReason() == 0 ? Tags.ReferencedSOPSequence : Tags.FailedSOPSequence);
            if (o.sopClassUid() != null) item.setString(Tags.ReferencedSOPClassUID, VR.UI, o.sopClassUid());
            if (o.sopInstanceUid() != null) item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, o.sopInstanceUid());
            if (o.failureReason() != 0) item.setInt(Tags.FailureReason, VR.US, o.failureReason());
        }
        return ds;
    }
}
