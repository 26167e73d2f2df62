package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.SocketFactory;

/**
 * An established DICOM association, on either side. Incoming messages go to the
 * {@link DimseReceiver} on the association's single reader thread; {@link #sendMessage} may be
 * called from any thread. Created by {@link #connect} (requestor) or by {@link UlServer} (acceptor).
 */
public final class Association {

    private static final System.Logger LOG = System.getLogger(Association.class.getName());
    private static final AtomicInteger SERIALS = new AtomicInteger();

    private final AssociationParams params;
    private final PduChannel channel;
    private final Fsm fsm;
    private final Negotiation negotiation;
    private final int serial;
    private final String name;
    private final AssociationReader reader;
    private final ReentrantLock messageLock = new ReentrantLock();
    private final AtomicReference<Throwable> cause = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private byte[] sendBuffer;
    private volatile Thread readerThread;
    private volatile Runnable onEnd = () -> {};

    Association(AssociationParams params, PduChannel channel, Fsm fsm, AAssociateRq rq, AAssociateAc ac) {
        this.params = params;
        this.channel = channel;
        this.fsm = fsm;
        this.negotiation = new Negotiation(rq, ac, fsm.requestor());
        this.serial = SERIALS.incrementAndGet();
        this.name = AeTitles.printable(rq.callingAet()) + "->" + AeTitles.printable(rq.calledAet()) + "#" + serial;
        this.reader = new AssociationReader(this, channel, fsm);
        channel.label(name);
    }

    /**
     * Opens an association as requestor: connects, sends the A-ASSOCIATE-RQ and waits up to ARTIM
     * for the answer. On acceptance the reader thread starts and delivers to {@code receiver}.
     *
     * @throws AssociationRejectedException on an A-ASSOCIATE-RJ
     * @throws AssociationAbortedException  on an A-ABORT
     * @throws UlProtocolException          if the acceptor answers with something else
     */
    public static Association connect(
            String host,
            int port,
            AssociationRequest request,
            AssociationParams params,
            DimseReceiver receiver,
            SocketFactory socketFactory)
            throws IOException {
        Association assoc = Requestor.open(host, port, request, params, socketFactory);
        Thread t = new Thread(() -> assoc.run(receiver), "ul-" + assoc.name());
        t.setDaemon(true);
        assoc.readerThread = t;
        t.start();
        return assoc;
    }

    public static Association connect(
            String host, int port, AssociationRequest request, AssociationParams params, DimseReceiver receiver)
            throws IOException {
        return connect(host, port, request, params, receiver, SocketFactory.getDefault());
    }

    /** Runs the reader loop on the calling thread until the association ends. */
    void run(DimseReceiver receiver) {
        readerThread = Thread.currentThread();
        LOG.log(
                Level.INFO,
                "{0} established with {1} ({2} of {3} presentation contexts accepted)",
                name,
                channel.remoteHost(),
                String.valueOf(presentationContexts().stream()
                        .filter(PresentationContext::accepted)
                        .count()),
                String.valueOf(presentationContexts().size()));
        reader.run(receiver);
    }

    public String callingAet() {
        return negotiation.rq().callingAet();
    }

    public String calledAet() {
        return negotiation.rq().calledAet();
    }

    public String remoteHost() {
        return channel.remoteHost();
    }

    public int serial() {
        return serial;
    }

    /** "CALLING->CALLED#serial", for logs. */
    public String name() {
        return name;
    }

    public boolean isRequestor() {
        return fsm.requestor();
    }

    /** The current state of the protocol machine. */
    public State state() {
        return fsm.state();
    }

    /** The negotiated presentation context with this ID, or null if none was proposed. */
    public PresentationContext presentationContext(int pcid) {
        return negotiation.contexts().get(pcid);
    }

    /** All proposed presentation contexts with their results, in proposal order. */
    public List<PresentationContext> presentationContexts() {
        return List.copyOf(negotiation.contexts().values());
    }

    /** The first accepted context for the abstract syntax and, unless null, the transfer syntax. */
    public Optional<PresentationContext> findAccepted(String abstractSyntax, String transferSyntax) {
        return negotiation.contexts().values().stream()
                .filter(pc -> pc.accepted()
                        && pc.abstractSyntax().equals(abstractSyntax)
                        && (transferSyntax == null || transferSyntax.equals(pc.transferSyntax())))
                .findFirst();
    }

    /** The peer's maximum length (51h): the largest P-DATA-TF it receives; 0 = unlimited. */
    public int peerMaxPduLength() {
        return (int)
                Math.min(Integer.MAX_VALUE, negotiation.peerUserInformation().maxLength());
    }

    public int maxOpsInvoked() {
        return negotiation.asyncOpsWindow().maxOpsInvoked();
    }

    public int maxOpsPerformed() {
        return negotiation.asyncOpsWindow().maxOpsPerformed();
    }

    /** The negotiated role selection for a SOP class (as the acceptor answered), or null if none. */
    public RoleSelection roleSelection(String sopClassUid) {
        return negotiation.roles().get(sopClassUid);
    }

    public String peerImplementationClassUid() {
        return negotiation.peerUserInformation().implementationClassUid();
    }

    public String peerImplementationVersionName() {
        return negotiation.peerUserInformation().implementationVersionName();
    }

    /** The A-ASSOCIATE-RQ and -AC this association was established with. */
    public AAssociateRq associateRq() {
        return negotiation.rq();
    }

    public AAssociateAc associateAc() {
        return negotiation.ac();
    }

    /**
     * Only valid on the reader thread inside {@link DimseReceiver#onCommand}: the data set PDVs of
     * the current message on the same context, as one stream ending after the PDV with the
     * last-fragment bit. A data PDV for another context, or a command PDV, before that is a
     * protocol error (A-ABORT). Closing the stream does not skip the rest; the UL drains it.
     */
    public InputStream openDataStream() throws IOException {
        if (Thread.currentThread() != readerThread) {
            throw new IllegalStateException("openDataStream() called outside the reader thread of " + name);
        }
        return reader.openDataStream();
    }

    /**
     * Sends one message: the command as command PDVs, then the data set (if dataWriter != null) as
     * data PDVs, both cut so that no P-DATA-TF exceeds min(peer maximum, our maximum); a peer
     * maximum of 0 means ours. Messages from several threads are serialised. If the data writer
     * fails the association is aborted, since the peer holds half a message.
     *
     * @throws IllegalArgumentException if pcid is not an accepted presentation context
     * @throws IOException              if the association is not established or the transport fails
     */
    public void sendMessage(int pcid, byte[] command, DataWriter dataWriter) throws IOException {
        PresentationContext pc = presentationContext(pcid);
        if (pc == null || !pc.accepted()) {
            throw new IllegalArgumentException("presentation context " + pcid + " is not accepted on " + name);
        }
        messageLock.lock();
        try {
            if (sendBuffer == null) {
                sendBuffer = new byte[PduEncoder.PDATA_OVERHEAD + fragmentSize()];
            }
            boolean dataFollows = dataWriter != null;
            PDataOutputStream.Sink commandSink =
                    (id, cmd, last, buf, n) -> sendPdv(id, cmd, last, buf, n, !(last && dataFollows));
            try (PDataOutputStream out = new PDataOutputStream(commandSink, pcid, true, sendBuffer)) {
                out.write(command);
            }
            if (dataWriter != null) {
                try (PDataOutputStream out = new PDataOutputStream(
                        (id, cmd, last, buf, n) -> sendPdv(id, cmd, last, buf, n, true), pcid, false, sendBuffer)) {
                    dataWriter.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    abortLocally(AAbort.byUser(), e);
                    throw e;
                }
            }
        } finally {
            messageLock.unlock();
        }
    }

    private int fragmentSize() {
        int peer = peerMaxPduLength();
        int pdu = peer == 0 ? params.maxPduLength() : Math.min(peer, params.maxPduLength());
        return pdu - 6;
    }

    private void sendPdv(int pcid, boolean command, boolean last, byte[] buf, int length, boolean flush)
            throws IOException {
        if (fsm.fire(Event.P_DATA_LOCAL) == null) {
            throw new IOException(name + " cannot send data in " + fsm.state());
        }
        channel.sendPData(pcid, command, last, buf, length, flush);
    }

    /**
     * Sends an A-RELEASE-RQ and waits up to the release timeout for the A-RELEASE-RP (or, on a
     * release collision, for the exchange to finish); then the transport is closed. On timeout the
     * association is aborted. Must not be called from the reader thread.
     *
     * @throws IOException if the association ended otherwise than by release
     */
    public void release() throws IOException {
        if (Thread.currentThread() == readerThread) {
            throw new IllegalStateException("release() on the reader thread of " + name + " would wait for itself");
        }
        messageLock.lock();
        try {
            if (fsm.fire(Event.RELEASE_LOCAL) == null) {
                throw new IOException(name + " cannot be released in " + fsm.state());
            }
            channel.send(new AReleaseRq());
        } finally {
            messageLock.unlock();
        }
        boolean done;
        try {
            done = closed.await(params.releaseTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new InterruptedIOException("interrupted while releasing " + name);
        }
        if (!done) {
            SocketTimeoutException timeout =
                    new SocketTimeoutException("no A-RELEASE-RP within " + params.releaseTimeoutMillis() + " ms");
            abortLocally(AAbort.byUser(), timeout);
            throw timeout;
        }
        Throwable c = cause.get();
        if (c != null) {
            throw c instanceof IOException e ? e : new IOException(name + " did not release cleanly", c);
        }
    }

    /** Sends an A-ABORT (source 0, service user) and closes the transport. */
    public void abort() {
        abortLocally(AAbort.byUser(), new AssociationAbortedException(AAbort.byUser(), true));
    }

    /**
     * AA-1 with an ARTIM of zero: we send the A-ABORT and close the transport at once instead of
     * waiting in Sta13 for the peer to close it.
     */
    void abortLocally(AAbort abort, Throwable why) {
        if (fsm.fire(Event.ABORT_LOCAL) == Action.AA_1) {
            cause(why instanceof AssociationAbortedException ? why : withAbort(abort, why));
            channel.trySend(abort);
            fsm.fire(Event.ARTIM_EXPIRED);
        }
        channel.close();
    }

    private static Throwable withAbort(AAbort abort, Throwable why) {
        AssociationAbortedException e = new AssociationAbortedException(abort, true);
        e.initCause(why);
        return e;
    }

    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** True while the association is established and not being released or aborted. */
    public boolean isOpen() {
        return closed.getCount() > 0 && fsm.state().established();
    }

    AssociationParams params() {
        return params;
    }

    Throwable cause() {
        return cause.get();
    }

    /** Records why the association ended; the first cause wins. */
    void cause(Throwable t) {
        cause.compareAndSet(null, t);
    }

    /** A hook run when the association has ended, before the receiver hears of it. */
    void onEnd(Runnable hook) {
        this.onEnd = hook;
    }

    /** Called once by the reader when the transport is closed. */
    void ended(DimseReceiver receiver) {
        onEnd.run();
        Throwable c = cause.get();
        if (c == null) {
            LOG.log(Level.INFO, "{0} released", name);
        } else {
            LOG.log(Level.INFO, "{0} aborted: {1}", name, c.toString());
        }
        try {
            receiver.onClosed(this, c);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": onClosed failed", e);
        } finally {
            closed.countDown();
        }
    }

    @Override
    public String toString() {
        return name + "[" + fsm.state() + "]";
    }
}
