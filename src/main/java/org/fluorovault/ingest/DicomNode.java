package org.fluorovault.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.Implementation;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.UlServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The archive's DICOM node: C-ECHO and C-STORE SCP on the configured AE title and port. */
@Component
public class DicomNode implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DicomNode.class);

    private final DicomProperties props;
    private final UlServer server;
    private volatile int boundPort = -1;

    public DicomNode(DicomProperties props, ArchiveStore archive, IngestMetrics metrics) {
        this.props = props;
        Set<String> allowed = new HashSet<>();
        props.allowedCallingAets().stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(allowed::add);
        SimpleAssociationPolicy policy = new SimpleAssociationPolicy(props.aeTitle(), allowed,
                SupportedSyntaxes::abstractSyntaxAccepted, SupportedSyntaxes::transferSyntaxAccepted);
        AssociationParams params = new AssociationParams(props.aeTitle(), props.maxPduLength(),
                (int) props.artimTimeout().toMillis(), (int) props.idleTimeout().toMillis(),
                AssociationParams.DEFAULT_RELEASE_TIMEOUT_MILLIS, Implementation.CLASS_UID, Implementation.VERSION_NAME);
        DimseDispatcher dispatcher = new DimseDispatcher(new StorageScp(archive, metrics));
        this.server = new UlServer(params, policy, assoc -> {
            metrics.associationOpened();
            return new DimseReceiver() {
                @Override
                public void onCommand(Association a, PresentationContext pc, byte[] command) throws IOException {
                    dispatcher.onCommand(a, pc, command);
                }

                @Override
                public void onClosed(Association a, Throwable cause) {
                    metrics.associationClosed();
                }
            };
        }, props.maxAssociations());
    }

    @Override
    public void start() {
        try {
            boundPort = server.start(InetAddress.getByName(props.bindAddress()), props.port());
            LOG.info("DICOM node {} listening on {}:{} (allowed callers: {})", props.aeTitle(), props.bindAddress(),
                    boundPort, props.allowedCallingAets().isEmpty() ? "any" : props.allowedCallingAets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on DICOM port " + props.port(), e);
        }
    }

    @Override
    public void stop() {
        server.stop();
        boundPort = -1;
    }

    @Override
    public boolean isRunning() { return boundPort >= 0; }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() { return boundPort; }

    public String aeTitle() { return props.aeTitle(); }
}
