package org.fluorovault.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import javax.net.ServerSocketFactory;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.security.DicomTlsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The HL7 v2.5.1 interface: an MLLP listener on {@code fluorovault.hl7.port} (none when -1) that
 * creates, changes and cancels scheduled procedures (ORM^O01, OMI^O23), updates demographics
 * (ADT^A08) and merges patients (ADT^A40) through {@link ProcedureService}, answering each
 * message with an ACK; over TLS when {@code fluorovault.hl7.tls} is set. Restartable: stop closes
 * the socket and every connection.
 */
@Component
public class Hl7Listener implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Hl7Listener.class);

    private final Hl7Properties props;
    private final MllpServer server;
    private final DicomTlsContext tls;
    private final Hl7Access access;
    private volatile int boundPort = -1;

    Hl7Listener(
            Hl7Properties props, ProcedureService procedures, DicomTlsContext tls, HeldChanges held, AuditTrail audit) {
        this.props = props;
        this.tls = tls;
        this.access = new Hl7Access(props.allowedAddresses(), props.allowedSenders());
        HapiContext hapi = new DefaultHapiContext(ValidationContextFactory.noValidation());
        PipeParser parser = hapi.getPipeParser();
        Hl7Receiver receiver = new Hl7Receiver(
                parser,
                new Acks(props.application(), parser),
                procedures,
                access,
                props.signedRecords() == Hl7Properties.SignedRecords.HOLD ? held : null,
                audit);
        this.server = new MllpServer(receiver, props.maxConnections(), props.maxMessageBytes(), (int)
                Math.min(Integer.MAX_VALUE, props.idleTimeout().toMillis()));
        server.limits(props.maxConnectionsPerAddress(), (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, props.firstByteTimeout().toMillis())));
    }

    @Override
    public void start() {
        if (!props.enabled()) {
            LOG.info("HL7 listener off (fluorovault.hl7.port=-1)");
            return;
        }
        ServerSocketFactory sockets = props.tls()
                ? tls.require("The HL7 listener over TLS (fluorovault.hl7.tls=true)")
                        .serverSocketFactory()
                : ServerSocketFactory.getDefault();
        try {
            boundPort = server.start(InetAddress.getByName(props.bindAddress()), props.port(), sockets);
            LOG.info(
                    "HL7 v2.5.1 MLLP listener on {}:{}{} (at most {} connections; changes to SIGNED records: {})",
                    props.bindAddress(),
                    boundPort,
                    props.tls() ? " over TLS" : "",
                    props.maxConnections(),
                    props.signedRecords());
            if (access.open()) {
                LOG.warn("HL7 takes messages from any address and any sender: set fluorovault.hl7.allowed-addresses"
                        + " (and fluorovault.hl7.allowed-senders) to lock it down (docs/hl7.md)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on HL7 port " + props.port(), e);
        }
    }

    @Override
    public void stop() {
        server.stop();
        boundPort = -1;
    }

    @Override
    public boolean isRunning() {
        return boundPort >= 0;
    }

    /** Waits up to {@code millis} until no HL7 connection is open; true when idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        return server.awaitIdle(millis);
    }

    /** The port actually bound (differs from the configured one when that is 0), or -1 when not listening. */
    public int port() {
        return boundPort;
    }
}
