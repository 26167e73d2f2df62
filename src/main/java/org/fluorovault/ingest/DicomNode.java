package org.fluorovault.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Set;

import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.ul.AAssociateRq;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationPolicy;
import org.fluorovault.dicom.net.ul.Decision;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.Implementation;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.RejectReason;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.TransportPeer;
import org.fluorovault.dicom.net.ul.UlServer;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsContext;
import org.fluorovault.security.DicomTlsProperties;
import org.fluorovault.query.QueryRetrieveScp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The archive's DICOM node: C-ECHO, C-STORE, Query/Retrieve (and the C-FIND models of other
 * features, such as the Modality Worklist), MPPS and Storage Commitment SCP on
 * the configured AE title and port.
 */
@Component
public class DicomNode implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DicomNode.class);

    private final DicomProperties props;
    private final DicomTlsProperties tlsProps;
    private final UlServer server;
    private final UlServer tlsServer;
    private final DicomTls tls;
    private final StorageCommitmentScp commitment;
    private volatile int boundPort = -1;
    private volatile int boundTlsPort = -1;
    private volatile boolean running;
    private final PeerAccess access;
    private final Object idle = new Object();
    private int openAssociations;

    public DicomNode(DicomProperties props, DicomTlsContext tlsContext, ArchiveStore archive, IngestMetrics metrics,
                     QueryRetrieveScp queryRetrieve, InstanceIndex index, MppsRecords mppsRecords,
                     CommitmentProperties commitmentProps, PendingCommitments pendingCommitments, AuditTrail audit) {
        this.props = props;
        this.tlsProps = tlsContext.properties();
        this.access = new PeerAccess(props, audit);
        if (!props.plainPortEnabled() && !tlsProps.enabled()) {
            throw new IllegalStateException("fluorovault.dicom.port=-1 turns the plain port off: "
                    + "turn the TLS port on (fluorovault.dicom.tls.enabled=true) or give a port");
        }
        // who may associate is the access policy's to decide (fluorovault.dicom.peers, allowed-calling-aets)
        SimpleAssociationPolicy simple = new SimpleAssociationPolicy(props.aeTitle(), Set.of(),
                uid -> SupportedSyntaxes.abstractSyntaxAccepted(uid) || queryRetrieve.serves(uid),
                (as, ts) -> queryRetrieve.serves(as) ? QueryRetrieveScp.TRANSFER_SYNTAXES.contains(ts)
                        : SupportedSyntaxes.transferSyntaxAccepted(as, ts));
        AssociationPolicy policy = new AssociationPolicy() {
            @Override
            public Decision decide(AAssociateRq rq, String remoteHost) {
                return decide(rq, TransportPeer.plain(remoteHost));
            }

            @Override
            public Decision decide(AAssociateRq rq, TransportPeer peer) {
                Decision d = simple.decide(rq, peer.host());
                if (d instanceof Decision.Accept) {
                    RejectReason refused = access.admit(rq, peer);
                    if (refused != null) d = Decision.reject(refused);
                }
                if (d instanceof Decision.Reject) metrics.associationRefused();
                return d;
            }
        };
        ReceiptAudit receipts = new ReceiptAudit(audit);
        AssociationParams params = new AssociationParams(props.aeTitle(), props.maxPduLength(),
                (int) props.artimTimeout().toMillis(), (int) props.idleTimeout().toMillis(),
                AssociationParams.DEFAULT_RELEASE_TIMEOUT_MILLIS, Implementation.CLASS_UID, Implementation.VERSION_NAME);
        DimseDispatcher dispatcher = queryRetrieve.registerOn(new DimseDispatcher(new StorageScp(archive, metrics, receipts)))
                .authorizer(access.authorizer());
        MppsScp mpps = new MppsScp(mppsRecords);
        commitmentProps.commitmentRequesters().forEach((aet, r) -> {
            if (r.tls()) tlsContext.require("Storage commitment requester " + aet); // no TLS without our key
        });
        this.commitment = new StorageCommitmentScp(index, archive, commitmentProps, params, dispatcher, pendingCommitments,
                tlsContext.tls().<javax.net.SocketFactory>map(DicomTls::socketFactory).orElse(null));
        dispatcher.register(CommandField.N_CREATE_RQ, mpps.create)
                .register(CommandField.N_SET_RQ, mpps.set)
                .register(CommandField.N_ACTION_RQ, commitment);
        java.util.function.Function<Association, DimseReceiver> receivers = assoc -> {
            metrics.associationOpened();
            synchronized (idle) {
                openAssociations++;
            }
            return new DimseReceiver() {
                @Override
                public void onCommand(Association a, PresentationContext pc, byte[] command) throws IOException {
                    dispatcher.onCommand(a, pc, command);
                }

                @Override
                public void onClosed(Association a, Throwable cause) {
                    dispatcher.onClosed(a, cause);
                    receipts.closed(a); // before the association counts as closed: awaitIdle() then sees its events queued
                    metrics.associationClosed();
                    synchronized (idle) {
                        openAssociations--;
                        idle.notifyAll();
                    }
                }
            };
        };
        this.server = props.plainPortEnabled() ? new UlServer(params, policy, receivers, props.maxAssociations())
                .limitPerAddress(props.maxConnectionsPerAddress()) : null;
        if (server != null) {
            server.onOverLimit(metrics::associationRefused);
            server.onConnectionEnd(this::wakeIdleWaiters);
        }
        // the TLS port serves the same services; the association limit applies to each port
        this.tls = tlsProps.enabled() ? tlsContext.require("The DICOM TLS port") : null;
        this.tlsServer = tlsProps.enabled() ? new UlServer(params, policy, receivers, props.maxAssociations())
                .limitPerAddress(props.maxConnectionsPerAddress()) : null;
        if (tlsServer != null) {
            tlsServer.onOverLimit(metrics::associationRefused);
            tlsServer.onConnectionEnd(this::wakeIdleWaiters);
        }
    }

    @Override
    public void start() {
        commitment.start();
        access.logAtStart();
        if (server != null) {
            try {
                boundPort = server.start(InetAddress.getByName(props.bindAddress()), props.port());
                LOG.info("DICOM node {} listening on {}:{}", props.aeTitle(), props.bindAddress(), boundPort);
            } catch (IOException e) {
                commitment.shutdown();
                throw new UncheckedIOException("cannot listen on DICOM port " + props.port(), e);
            }
        } else {
            LOG.info("DICOM node {}: plain port off (fluorovault.dicom.port=-1), TLS only", props.aeTitle());
        }
        if (tlsServer != null) {
            try {
                boundTlsPort = tlsServer.start(InetAddress.getByName(props.bindAddress()), tlsProps.port(),
                        tls.serverSocketFactory());
                LOG.info("DICOM node {} listening for TLS ({}) on {}:{}, client certificate {}", props.aeTitle(),
                        tlsProps.protocols(), props.bindAddress(), boundTlsPort,
                        tlsProps.needClientAuth() ? "required" : "not required");
            } catch (IOException e) {
                if (server != null) server.stop();
                commitment.shutdown();
                boundPort = -1;
                throw new UncheckedIOException("cannot listen on DICOM TLS port " + tlsProps.port(), e);
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
        commitment.shutdown();
        if (tlsServer != null) tlsServer.stop();
        boundPort = -1;
        boundTlsPort = -1;
        running = false;
    }

    @Override
    public boolean isRunning() { return running; }

    /** The port actually bound (differs from the configured one when that is 0); -1 when the plain port is off. */
    public int port() { return boundPort; }

    /** The TLS port actually bound, or -1 when TLS is off. */
    public int tlsPort() { return boundTlsPort; }

    public String aeTitle() { return props.aeTitle(); }

    /** Waits up to {@code millis} until no association is open; true when idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (idle) {
            // a connection is busy on its server from its acceptance, before its receiver is counted
            while (openAssociations > 0 || (server != null && server.busy()) || (tlsServer != null && tlsServer.busy())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                idle.wait(left);
            }
            return true;
        }
    }

    private void wakeIdleWaiters() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }
}
