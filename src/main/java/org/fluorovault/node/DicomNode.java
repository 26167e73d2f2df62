package org.fluorovault.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.AssociationPolicy;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.UlServer;
import org.fluorovault.security.DicomTls;
import org.fluorovault.security.DicomTlsContext;
import org.fluorovault.security.DicomTlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The archive's DICOM node on the configured AE title and port (and TLS port): it accepts what
 * its services declare and routes each request to the service that registered for it. The
 * services are the {@link DicomServiceProvider} beans of the features: Verification, storage,
 * MPPS and Storage Commitment ({@code ingest}), Query/Retrieve ({@code query}), the Modality
 * Worklist ({@code procedure}). Who may associate and what each AE may ask is {@link PeerAccess}'s.
 */
@Component
public class DicomNode implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DicomNode.class);

    private final DicomProperties props;
    private final DicomTlsProperties tlsProps;
    private final UlServer server;
    private final UlServer tlsServer;
    private final DicomTls tls;
    private final List<DicomServiceProvider> services;
    private volatile int boundPort = -1;
    private volatile int boundTlsPort = -1;
    private volatile boolean running;
    private final PeerAccess access;
    private final Object idle = new Object();
    private int openAssociations;

    DicomNode(
            DicomProperties props,
            DicomTlsContext tlsContext,
            AssociationParams params,
            NodeMetrics metrics,
            List<DicomServiceProvider> services,
            AuditTrail audit) {
        this.props = props;
        this.tlsProps = tlsContext.properties();
        this.access = new PeerAccess(props, audit);
        this.services = List.copyOf(services);
        if (!props.plainPortEnabled() && !tlsProps.enabled()) {
            throw new IllegalStateException("fluorovault.dicom.port=-1 turns the plain port off: "
                    + "turn the TLS port on (fluorovault.dicom.tls.enabled=true) or give a port");
        }
        AssociationPolicy policy =
                new NodePolicy(props.aeTitle(), this.services, access::admit, metrics::associationRefused);
        DimseDispatcher dispatcher =
                DicomServiceProvider.dispatcher(this.services).authorizer(access.authorizer());
        Function<Association, DimseReceiver> receivers = assoc -> {
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
                    // the services' close listeners (e.g. the receipt audit) run before the association
                    // counts as closed: awaitIdle() then sees their events queued
                    dispatcher.onClosed(a, cause);
                    metrics.associationClosed();
                    synchronized (idle) {
                        openAssociations--;
                        idle.notifyAll();
                    }
                }
            };
        };
        this.server = props.plainPortEnabled()
                ? new UlServer(params, policy, receivers, props.maxAssociations())
                        .limitPerAddress(props.maxConnectionsPerAddress())
                : null;
        if (server != null) {
            server.onOverLimit(metrics::associationRefused);
            server.onConnectionEnd(this::wakeIdleWaiters);
        }
        // the TLS port serves the same services; the association limit applies to each port
        this.tls = tlsProps.enabled() ? tlsContext.require("The DICOM TLS port") : null;
        this.tlsServer = tlsProps.enabled()
                ? new UlServer(params, policy, receivers, props.maxAssociations())
                        .limitPerAddress(props.maxConnectionsPerAddress())
                : null;
        if (tlsServer != null) {
            tlsServer.onOverLimit(metrics::associationRefused);
            tlsServer.onConnectionEnd(this::wakeIdleWaiters);
        }
    }

    @Override
    public void start() {
        try {
            services.forEach(DicomServiceProvider::start);
        } catch (RuntimeException e) {
            stopServices(); // stopping one that never started does nothing
            throw e;
        }
        access.logAtStart();
        if (server != null) {
            try {
                boundPort = server.start(InetAddress.getByName(props.bindAddress()), props.port());
                LOG.info("DICOM node {} listening on {}:{}", props.aeTitle(), props.bindAddress(), boundPort);
            } catch (IOException e) {
                stopServices();
                throw new UncheckedIOException("cannot listen on DICOM port " + props.port(), e);
            }
        } else {
            LOG.info("DICOM node {}: plain port off (fluorovault.dicom.port=-1), TLS only", props.aeTitle());
        }
        if (tlsServer != null) {
            try {
                boundTlsPort = tlsServer.start(
                        InetAddress.getByName(props.bindAddress()), tlsProps.port(), tls.serverSocketFactory());
                LOG.info(
                        "DICOM node {} listening for TLS ({}) on {}:{}, client certificate {}",
                        props.aeTitle(),
                        tlsProps.protocols(),
                        props.bindAddress(),
                        boundTlsPort,
                        tlsProps.needClientAuth() ? "required" : "not required");
            } catch (IOException e) {
                if (server != null) server.stop();
                stopServices();
                boundPort = -1;
                throw new UncheckedIOException("cannot listen on DICOM TLS port " + tlsProps.port(), e);
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
        stopServices();
        if (tlsServer != null) tlsServer.stop();
        boundPort = -1;
        boundTlsPort = -1;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The port actually bound (differs from the configured one when that is 0); -1 when the plain port is off. */
    public int port() {
        return boundPort;
    }

    /** The TLS port actually bound, or -1 when TLS is off. */
    public int tlsPort() {
        return boundTlsPort;
    }

    public String aeTitle() {
        return props.aeTitle();
    }

    /** Waits up to {@code millis} until no association is open; true when idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (idle) {
            // a connection is busy on its server from its acceptance, before its receiver is counted
            while (openAssociations > 0
                    || (server != null && server.busy())
                    || (tlsServer != null && tlsServer.busy())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                idle.wait(left);
            }
            return true;
        }
    }

    /** Stops the services' background work, in reverse order of their start. */
    private void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) services.get(i).stop();
    }

    private void wakeIdleWaiters() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }
}
