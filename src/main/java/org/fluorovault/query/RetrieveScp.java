package org.fluorovault.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseClient;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.DimseOperation;
import org.fluorovault.dicom.net.dimse.OperationContext;
import org.fluorovault.dicom.net.dimse.QueryRetrieveStatus;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationRequest;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.RoleSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-MOVE and C-GET SCP (PS3.4 C.4.2, C.4.3): selects the stored objects by the unique keys,
 * sends each as a C-STORE sub-operation exactly as stored (no transcoding) either over a new
 * association to a configured destination (C-MOVE) or back on the requesting association, where
 * the requestor took the SCP role for the storage SOP class (C-GET), and reports the
 * sub-operation counts in pending and final responses. Each retrieval, refused ones included, is
 * recorded once as DICOM Instances Transferred (110104, action R) with the requesting AE as the
 * user and the counts in the detail.
 */
final class RetrieveScp implements DimseOperation, DicomServiceProvider {
    private static final Logger LOG = LoggerFactory.getLogger(RetrieveScp.class);

    private final QrIndex index;
    private final ArchiveStore archive;
    private final RetrieveProperties props;
    private final boolean move;
    private final javax.net.SocketFactory tlsSockets;
    private final AuditTrail audit;

    /** @param tlsSockets sockets for destinations marked TLS; null when no TLS identity is configured */
    RetrieveScp(
            QrIndex index,
            ArchiveStore archive,
            RetrieveProperties props,
            boolean move,
            javax.net.SocketFactory tlsSockets,
            AuditTrail audit) {
        this.index = index;
        this.archive = archive;
        this.props = props;
        this.move = move;
        this.tlsSockets = tlsSockets;
        this.audit = audit;
    }

    /** The C-MOVE or C-GET SOP classes of the Patient Root and Study Root models. */
    @Override
    public Set<String> sopClasses() {
        return (move ? QrModel.MOVE : QrModel.GET).keySet();
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return QueryRetrieveScp.TRANSFER_SYNTAXES;
    }

    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        CommandField request = move ? CommandField.C_MOVE_RQ : CommandField.C_GET_RQ;
        for (String cuid : sopClasses()) dispatcher.register(request, cuid, this);
    }

    /** What one retrieval did, for its audit event. */
    private static final class Tally {
        int matches, completed, failed, warning;
        String problem;
        boolean recorded;
    }

    /** Where sub-operations go: a presentation context per object and a client to send on. */
    private record Target(
            DimseClient client,
            Function<QrIndex.Instance, PresentationContext> context,
            Association assoc,
            boolean own) {}

    @Override
    public void perform(OperationContext ctx) throws IOException {
        Tally t = new Tally();
        try {
            perform(ctx, t);
        } catch (DimseException e) {
            t.problem = "refused: " + e.errorComment();
            audit(ctx, t);
            throw e;
        } catch (IOException | RuntimeException e) {
            if (t.problem == null) t.problem = "failed: " + e.getMessage();
            audit(ctx, t);
            throw e;
        }
    }

    /** Records the retrieval, then sends its final response (so the event exists once the requestor has it). */
    private void respondFinal(OperationContext ctx, Tally t, Attributes rsp, Attributes data) throws IOException {
        audit(ctx, t);
        ctx.respond(rsp, data);
    }

    private void audit(OperationContext ctx, Tally t) {
        if (t.recorded) return;
        t.recorded = true;
        String dest = move ? ctx.command().getString(Tags.MoveDestination) : null;
        AuditOutcome outcome = t.problem != null || (t.matches > 0 && t.completed + t.warning == 0)
                ? AuditOutcome.SERIOUS_FAILURE
                : t.failed > 0 ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS;
        String patient = null, study = null;
        try {
            Attributes id = ctx.identifier();
            patient = id.getString(Tags.PatientID);
            study = id.getValueAsString(Tags.StudyInstanceUID);
        } catch (RuntimeException ignored) {
            // an unreadable identifier was refused; the event still says who asked
        }
        audit.recordLater(AuditEvent.of(AuditEventType.INSTANCES_TRANSFERRED)
                .outcome(outcome)
                .user(ctx.association().callingAet())
                .role("DICOM AE")
                .sourceAddress(ctx.association().remoteHost())
                .patientId(patient)
                .studyUid(study)
                .detail((move ? "C-MOVE to " + dest : "C-GET") + " for "
                        + ctx.association().name() + ": "
                        + (t.problem != null ? t.problem + "; " : "") + t.matches + " matched, " + t.completed
                        + " sent, " + t.warning + " with warnings, " + t.failed + " failed")
                .build());
    }

    private void perform(OperationContext ctx, Tally t) throws IOException {
        QrModel model = (move ? QrModel.MOVE : QrModel.GET)
                .get(ctx.presentationContext().abstractSyntax());
        if (model == null) {
            throw new DimseException(
                    Status.SOP_CLASS_NOT_SUPPORTED, "Not a C-" + (move ? "MOVE" : "GET") + " SOP class");
        }
        RetrieveProperties.Destination dest = null;
        String destAet = null;
        if (move) {
            destAet = ctx.command().getString(Tags.MoveDestination);
            dest = destAet == null ? null : props.moveDestinations().get(destAet);
            if (dest == null) {
                throw new DimseException(
                        QueryRetrieveStatus.MOVE_DESTINATION_UNKNOWN,
                        "Unknown move destination '" + (destAet == null ? "" : destAet) + "'");
            }
        }
        Attributes id = ctx.identifier();
        QrLevel level = model.level(id);
        requireUniqueKeys(id, level);
        List<QrIndex.Instance> matches = index.instances(level, id);
        t.matches = matches.size();
        LOG.info(
                "{}: C-{} {} {} -> {} objects{}",
                ctx.association().name(),
                move ? "MOVE" : "GET",
                model,
                level,
                matches.size(),
                move ? " to " + destAet : "");
        if (matches.isEmpty()) {
            respondFinal(ctx, t, Commands.setSuboperations(ctx.response(Status.SUCCESS), -1, 0, 0, 0), null);
            return;
        }
        Target target;
        try {
            target = move ? connect(ctx, destAet, dest, matches) : own(ctx);
        } catch (IOException e) {
            LOG.warn(
                    "{}: cannot associate with move destination {} at {}:{}: {}",
                    ctx.association().name(),
                    destAet,
                    dest.host(),
                    dest.port(),
                    e.getMessage());
            Attributes rsp = Commands.setSuboperations(
                    ctx.response(QueryRetrieveStatus.UNABLE_TO_PERFORM_SUBOPERATIONS), -1, 0, matches.size(), 0);
            rsp.setString(
                    Tags.ErrorComment, VR.LO, truncate("Cannot associate with " + destAet + ": " + e.getMessage()));
            t.failed = matches.size();
            t.problem = "cannot associate with " + destAet;
            respondFinal(
                    ctx,
                    t,
                    rsp,
                    failedList(matches.stream()
                            .map(QrIndex.Instance::sopInstanceUid)
                            .toList()));
            return;
        }
        try {
            run(ctx, target, matches, destAet, t);
        } finally {
            if (!target.own() && target.assoc().isOpen()) {
                try {
                    target.assoc().release();
                } catch (IOException e) {
                    target.assoc().abort();
                }
            }
        }
    }

    private void run(OperationContext ctx, Target target, List<QrIndex.Instance> matches, String destAet, Tally t)
            throws IOException {
        List<String> failed = new ArrayList<>();
        try {
            runLoop(ctx, target, matches, destAet, failed, t);
        } finally {
            t.failed = failed.size();
        }
    }

    private void runLoop(
            OperationContext ctx,
            Target target,
            List<QrIndex.Instance> matches,
            String destAet,
            List<String> failed,
            Tally t)
            throws IOException {
        int completed = 0, warning = 0;
        int priority = ctx.command().getInt(Tags.Priority, Commands.PRIORITY_MEDIUM);
        for (int i = 0; i < matches.size(); i++) {
            if (ctx.isCancelled()) {
                Attributes rsp = Commands.setSuboperations(
                        ctx.response(Status.CANCEL), matches.size() - i, completed, failed.size(), warning);
                t.problem = "cancelled";
                t.failed = failed.size();
                respondFinal(ctx, t, rsp, failed.isEmpty() ? null : failedList(failed));
                return;
            }
            QrIndex.Instance inst = matches.get(i);
            Status st = store(ctx, target, inst, priority);
            if (st == null || st.isFailure()) failed.add(inst.sopInstanceUid());
            else if (st.isSuccess()) t.completed = ++completed;
            else t.warning = ++warning;
            int remaining = matches.size() - i - 1;
            if (remaining > 0) {
                ctx.respond(
                        Commands.setSuboperations(
                                ctx.response(Status.PENDING), remaining, completed, failed.size(), warning),
                        null);
            }
        }
        Status last = failed.isEmpty() && warning == 0
                ? Status.SUCCESS
                : completed + warning == 0
                        ? QueryRetrieveStatus.UNABLE_TO_PERFORM_SUBOPERATIONS
                        : QueryRetrieveStatus.SUBOPERATIONS_COMPLETE_WITH_FAILURES;
        Attributes rsp = Commands.setSuboperations(ctx.response(last), -1, completed, failed.size(), warning);
        if (!failed.isEmpty()) {
            rsp.setString(
                    Tags.ErrorComment,
                    VR.LO,
                    truncate(failed.size() + " of " + matches.size() + " sub-operations failed"
                            + (move ? " (destination " + destAet + ")" : "")));
        }
        t.failed = failed.size();
        respondFinal(ctx, t, rsp, failed.isEmpty() ? null : failedList(failed));
    }

    /** One C-STORE sub-operation; null when it could not even be sent. */
    private Status store(OperationContext ctx, Target target, QrIndex.Instance inst, int priority) {
        PresentationContext pc = target.context().apply(inst);
        if (pc == null) {
            LOG.warn(
                    "{}: no presentation context for {} in {}, sub-operation for {} failed",
                    ctx.association().name(),
                    inst.sopClassUid(),
                    inst.transferSyntaxUid(),
                    inst.sopInstanceUid());
            return null;
        }
        Path file = archive.resolve(Path.of(inst.path()));
        long offset;
        try {
            offset = datasetOffset(file);
        } catch (IOException e) {
            LOG.error(
                    "{}: stored file of {} unreadable: {}",
                    ctx.association().name(),
                    inst.sopInstanceUid(),
                    e.getMessage());
            return null;
        }
        DimseClient client = target.client();
        Attributes rq = move
                ? Commands.cStoreRq(
                        client.nextMessageId(),
                        inst.sopClassUid(),
                        inst.sopInstanceUid(),
                        priority,
                        ctx.association().callingAet(),
                        ctx.messageId())
                : Commands.cStoreRq(client.nextMessageId(), inst.sopClassUid(), inst.sopInstanceUid(), priority);
        try {
            Attributes rsp = client.invoke(
                            pc.id(),
                            rq,
                            out -> {
                                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                                    ch.position(offset);
                                    InputStream in = Channels.newInputStream(ch);
                                    in.transferTo(out);
                                }
                            },
                            null)
                    .join();
            Status st = Commands.status(rsp);
            if (st.isFailure()) {
                LOG.warn(
                        "{}: sub-operation C-STORE of {} answered {} {}: {}",
                        ctx.association().name(),
                        inst.sopInstanceUid(),
                        st,
                        st.description(CommandField.C_STORE_RQ),
                        rsp.getString(Tags.ErrorComment, ""));
            }
            return st;
        } catch (IOException | CompletionException e) {
            LOG.warn(
                    "{}: sub-operation C-STORE of {} failed: {}",
                    ctx.association().name(),
                    inst.sopInstanceUid(),
                    e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Target own(OperationContext ctx) {
        Association a = ctx.association();
        return new Target(
                ctx.client(),
                inst -> {
                    RoleSelection role = a.roleSelection(inst.sopClassUid());
                    if (role == null || !role.scp()) return null;
                    return a.findAccepted(inst.sopClassUid(), inst.transferSyntaxUid())
                            .orElse(null);
                },
                a,
                true);
    }

    private Target connect(
            OperationContext ctx, String destAet, RetrieveProperties.Destination dest, List<QrIndex.Instance> matches)
            throws IOException {
        AssociationRequest rq = AssociationRequest.to(destAet);
        Set<String> proposed = new LinkedHashSet<>();
        for (QrIndex.Instance m : matches) {
            if (proposed.size() < 128 && proposed.add(m.sopClassUid() + "|" + m.transferSyntaxUid())) {
                rq = rq.withContext(m.sopClassUid(), m.transferSyntaxUid());
            }
        }
        DimseClient client = new DimseClient();
        Association assoc = Association.connect(
                dest.host(),
                dest.port(),
                rq,
                AssociationParams.defaults(ctx.association().calledAet()),
                client,
                dest.tls() ? tlsSockets : javax.net.SocketFactory.getDefault());
        client.attach(assoc);
        return new Target(
                client,
                inst -> assoc.findAccepted(inst.sopClassUid(), inst.transferSyntaxUid())
                        .orElse(null),
                assoc,
                false);
    }

    /** Retrieval selects by unique keys only: the level's own must be there, without wildcards. */
    private static void requireUniqueKeys(Attributes id, QrLevel level) {
        for (QrLevel l : QrLevel.values()) {
            if (l.compareTo(level) > 0) break;
            String v = id.getValueAsString(l.uniqueKey);
            boolean empty = v == null || v.isEmpty();
            if ((l == level && empty) || (!empty && (v.indexOf('*') >= 0 || v.indexOf('?') >= 0))) {
                throw new DimseException(
                        QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                        (empty ? "Missing unique key " : "Wildcard in unique key ")
                                + org.fluorovault.dicom.data.Tag.toString(l.uniqueKey),
                        l.uniqueKey);
            }
        }
    }

    private static Attributes failedList(List<String> uids) {
        Attributes a = new Attributes();
        a.setString(Tags.FailedSOPInstanceUIDList, VR.UI, uids.toArray(String[]::new));
        return a;
    }

    private static String truncate(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static long datasetOffset(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 8192);
                DicomReader r = new DicomReader(in, file)) {
            r.readFileMetaInformation();
            return r.position();
        }
    }
}
