package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.UidSyntax;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomParseException;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.PresentationContext;

/**
 * The acceptor's DIMSE entry point: parses each command and routes each request by (command
 * field, SOP class of its presentation context) to the handler a {@link DicomServiceProvider}
 * registered: C-STORE data sets to a {@link CStoreHandler} as a stream, C-FIND/C-MOVE/C-GET to a
 * {@link DimseOperation}, other requests (C-ECHO, N-services) to a {@link DimseService}; it turns
 * {@link DimseException}s into failure responses.
 * <p>
 * A request no handler is registered for is answered 0211 (Unrecognized Operation) when nothing
 * serves its command field, else 0122 (SOP Class Not Supported) for a C-service and 0118 (No Such
 * SOP Class) for an N-service.
 * <p>
 * {@link DimseOperation}s (C-FIND, C-MOVE, C-GET) run on a worker thread of their association:
 * the identifier is read here, on the reader thread, which then stays free to route a
 * C-CANCEL-RQ to the running operation (by Message ID Being Responded To) and the responses to
 * requests the operation sends on the same association (C-GET sub-operations) to the
 * association's {@link DimseClient}. Call {@link #onClosed} when the association ends.
 */
public final class DimseDispatcher implements DimseReceiver {
    private static final Logger LOG = System.getLogger(DimseDispatcher.class.getName());

    /** Largest single value accepted in an identifier of a C-FIND/C-MOVE/C-GET request. */
    static final int MAX_IDENTIFIER_VALUE = 1 << 16;

    /** Where a request goes: its command field and the SOP class of its presentation context. */
    private record Route(CommandField request, String sopClass) {}

    private final Map<String, CStoreHandler> stores = new ConcurrentHashMap<>();
    private final Map<Route, DimseService> services = new ConcurrentHashMap<>();
    private final Map<Route, DimseOperation> operations = new ConcurrentHashMap<>();
    /** The command fields something is registered for. */
    private final Set<CommandField> served = ConcurrentHashMap.newKeySet();

    private final List<Consumer<Association>> closeListeners = new CopyOnWriteArrayList<>();
    private final Map<Association, OperationRunner> runners = new ConcurrentHashMap<>();
    private volatile Authorizer authorizer = (assoc, pc, field) -> {};

    /**
     * Decides whether the peer of an association may make a request (every request but C-ECHO and
     * C-CANCEL) before it is served. A {@link DimseException} thrown here (e.g. with
     * {@link Status#NOT_AUTHORIZED}) becomes the failure response; the request's data set is then
     * left unread and drained.
     */
    @FunctionalInterface
    public interface Authorizer {
        void check(Association assoc, PresentationContext pc, CommandField request);
    }

    /** Stores C-STORE data sets of {@code sopClass} with {@code handler}. */
    public DimseDispatcher registerStore(String sopClass, CStoreHandler handler) {
        put(stores, sopClass, handler, CommandField.C_STORE_RQ);
        return this;
    }

    /** Answers {@code request} (C-ECHO or an N-service) on {@code sopClass} with {@code service}. */
    public DimseDispatcher register(CommandField request, String sopClass, DimseService service) {
        if (request == CommandField.C_STORE_RQ || !request.isRequest() || request == CommandField.C_CANCEL_RQ) {
            throw new IllegalArgumentException(request + " cannot have a service");
        }
        put(services, new Route(request, sopClass), service, request);
        return this;
    }

    /**
     * Runs {@code request} (C-FIND, C-MOVE, C-GET) on {@code sopClass} with {@code operation} on the
     * association's worker thread, cancellable by C-CANCEL-RQ.
     */
    public DimseDispatcher register(CommandField request, String sopClass, DimseOperation operation) {
        if (request != CommandField.C_FIND_RQ
                && request != CommandField.C_MOVE_RQ
                && request != CommandField.C_GET_RQ) {
            throw new IllegalArgumentException(request + " is not a cancellable operation");
        }
        put(operations, new Route(request, sopClass), operation, request);
        return this;
    }

    private <K, V> void put(Map<K, V> map, K key, V handler, CommandField request) {
        java.util.Objects.requireNonNull(handler, "handler");
        if (map.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException(request + " on " + key + " is registered already");
        }
        served.add(request);
    }

    /**
     * Calls {@code listener} when an association ends (from {@link #onClosed}), after its
     * operations were stopped; a listener that throws is logged and the others still run.
     */
    public DimseDispatcher onAssociationClosed(Consumer<Association> listener) {
        closeListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Sets the check every request but C-ECHO and C-CANCEL passes first (default: everything allowed). */
    public DimseDispatcher authorizer(Authorizer authorizer) {
        this.authorizer = java.util.Objects.requireNonNull(authorizer, "authorizer");
        return this;
    }

    /**
     * The client for requests the acceptor sends on {@code assoc} (e.g. an N-EVENT-REPORT of
     * storage commitment): its responses are routed back to it like those of C-GET sub-operations.
     */
    public DimseClient clientFor(Association assoc) {
        if (!assoc.isOpen()) throw new IllegalStateException("association " + assoc.name() + " is closed");
        DimseClient client =
                runners.computeIfAbsent(assoc, OperationRunner::new).client();
        if (!assoc.isOpen()) runners.remove(assoc); // closed meanwhile: onClosed has run already
        return client;
    }

    @Override
    public void onClosed(Association assoc, Throwable cause) {
        OperationRunner r = runners.remove(assoc);
        if (r != null) r.close(cause);
        for (Consumer<Association> l : closeListeners) {
            try {
                l.accept(assoc);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, assoc.name() + ": a close listener failed", e);
            }
        }
    }

    @Override
    public void onCommand(Association assoc, PresentationContext pc, byte[] command) throws IOException {
        Attributes cmd;
        try {
            cmd = Commands.parse(command);
        } catch (DicomParseException e) {
            LOG.log(Level.WARNING, "{0}: unparsable command set, aborting: {1}", assoc.name(), e.getMessage());
            assoc.abort();
            return;
        }
        CommandField field = Commands.commandField(cmd);
        if (field != null && !field.isRequest()) {
            OperationRunner r = runners.get(assoc);
            if (r != null) {
                r.client().onCommand(assoc, pc, command);
                return;
            }
        }
        if (field == CommandField.C_CANCEL_RQ) {
            OperationRunner r = runners.get(assoc);
            int id = cmd.getInt(Tags.MessageIDBeingRespondedTo, -1);
            if (r == null || !r.cancel(id)) {
                LOG.log(Level.DEBUG, "{0}: C-CANCEL-RQ for {1}, which is not running", assoc.name(), id);
            }
            return;
        }
        if (field == null || !field.isRequest()) {
            LOG.log(
                    Level.WARNING,
                    "{0}: unexpected command field {1}",
                    assoc.name(),
                    cmd.getInt(Tags.CommandField, -1));
            if (field == null) respond(assoc, pc, Commands.response(cmd, Status.UNRECOGNIZED_OPERATION));
            return;
        }
        try {
            if (field != CommandField.C_ECHO_RQ) authorizer.check(assoc, pc, field);
            if (field.name().startsWith("N_")) { // the instance an N-service acts on names index rows: only a valid UID
                for (int tag : new int[] {Tags.AffectedSOPInstanceUID, Tags.RequestedSOPInstanceUID}) {
                    String uid = cmd.getString(tag);
                    String invalid = uid == null ? null : UidSyntax.problem(uid);
                    if (invalid != null) {
                        throw new DimseException(
                                Status.INVALID_OBJECT_INSTANCE, "Invalid SOP Instance UID: " + invalid, tag);
                    }
                }
            }
            if (field == CommandField.C_STORE_RQ) {
                onStore(assoc, pc, cmd);
            } else if (field == CommandField.C_FIND_RQ
                    || field == CommandField.C_MOVE_RQ
                    || field == CommandField.C_GET_RQ) {
                startOperation(assoc, pc, cmd, field);
            } else {
                DimseService service = services.get(new Route(field, pc.abstractSyntax()));
                if (service == null) throw unrouted(field, pc.abstractSyntax());
                InputStream data = Commands.hasDataset(cmd) ? assoc.openDataStream() : null;
                service.onRequest(
                        assoc, pc, cmd, data, (rsp, ds) -> assoc.sendMessage(pc.id(), Commands.encode(rsp), ds));
            }
        } catch (DimseException e) {
            LOG.log(
                    Level.WARNING,
                    "{0}: {1} {2} failed with {3} {4}: {5}",
                    assoc.name(),
                    field,
                    UidSyntax.forLog(cmd.getString(
                            Tags.AffectedSOPInstanceUID, cmd.getString(Tags.RequestedSOPInstanceUID, ""))),
                    e.status(),
                    e.status().description(field),
                    e.getMessage());
            respond(assoc, pc, Commands.failure(cmd, e));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, assoc.name() + ": " + field + " failed unexpectedly", e);
            respond(
                    assoc,
                    pc,
                    Commands.failure(
                            cmd,
                            new DimseException(
                                    Status.PROCESSING_FAILURE,
                                    "Processing failure: " + e.getClass().getSimpleName())));
        }
    }

    private void startOperation(Association assoc, PresentationContext pc, Attributes cmd, CommandField field)
            throws IOException {
        if (!served.contains(field)) throw unrouted(field, pc.abstractSyntax());
        Attributes identifier = null;
        if (Commands.hasDataset(cmd)) {
            try {
                identifier = new DicomReader(assoc.openDataStream(), null)
                        .maxValueLength(MAX_IDENTIFIER_VALUE)
                        .readDataset(TransferSyntax.of(pc.transferSyntax()));
            } catch (IOException e) { // malformed or truncated; a broken association fails again on the response
                throw new DimseException(
                        QueryRetrieveStatus.UNABLE_TO_PROCESS, "Unreadable identifier: " + e.getMessage());
            }
        }
        OperationRunner runner = runners.computeIfAbsent(assoc, OperationRunner::new);
        if (runner.isRunning(cmd.getInt(Tags.MessageID, -1))) {
            throw new DimseException(Status.DUPLICATE_INVOCATION, "Message ID already in use");
        }
        DimseOperation op = operations.get(new Route(field, pc.abstractSyntax()));
        if (op == null) throw unrouted(field, pc.abstractSyntax());
        runner.submit(new OperationContext(assoc, pc, cmd, identifier, runner.client()), op, field);
    }

    /**
     * The failure for a request nothing is registered for: 0211 when its command field has no
     * handler at all, else 0122 for a C-service and 0118 for an N-service on another SOP class.
     */
    private DimseException unrouted(CommandField field, String sopClass) {
        if (!served.contains(field)) return new DimseException(Status.UNRECOGNIZED_OPERATION, field + " not supported");
        String comment = field + " not supported for SOP Class " + sopClass;
        return new DimseException(
                field.name().startsWith("N_") ? Status.NO_SUCH_SOP_CLASS : Status.SOP_CLASS_NOT_SUPPORTED, comment);
    }

    private void onStore(Association assoc, PresentationContext pc, Attributes cmd) throws IOException {
        String cuid = cmd.getString(Tags.AffectedSOPClassUID);
        String iuid = cmd.getString(Tags.AffectedSOPInstanceUID);
        if (!Commands.hasDataset(cmd)) {
            throw new DimseException(Status.MISSING_ATTRIBUTE, "C-STORE-RQ without a data set");
        }
        if (cuid == null || iuid == null) {
            throw new DimseException(Status.MISSING_ATTRIBUTE, "C-STORE-RQ lacks Affected SOP Class/Instance UID");
        }
        String invalid = UidSyntax.problem(iuid);
        if (invalid != null) { // refused before anything is written: the UID names files and index rows
            throw new DimseException(
                    StoreStatus.CANNOT_UNDERSTAND,
                    "Cannot understand: Affected SOP Instance UID is not a valid UID (" + invalid + ")",
                    Tags.AffectedSOPInstanceUID);
        }
        if (!cuid.equals(pc.abstractSyntax())) {
            throw new DimseException(
                    Status.SOP_CLASS_NOT_SUPPORTED, "SOP Class " + cuid + " differs from the presentation context's");
        }
        CStoreHandler handler = stores.get(cuid);
        if (handler == null) throw unrouted(CommandField.C_STORE_RQ, cuid);
        StoreContext ctx = new StoreContext(
                assoc,
                cuid,
                iuid,
                pc.transferSyntax(),
                cmd.getInt(Tags.Priority, 0),
                cmd.getString(Tags.MoveOriginatorApplicationEntityTitle),
                cmd.getInt(Tags.MoveOriginatorMessageID, 0));
        Status st = handler.store(ctx, assoc.openDataStream());
        respond(assoc, pc, Commands.response(cmd, st));
    }

    private static void respond(Association assoc, PresentationContext pc, Attributes rsp) throws IOException {
        assoc.sendMessage(pc.id(), Commands.encode(rsp), null);
    }
}
