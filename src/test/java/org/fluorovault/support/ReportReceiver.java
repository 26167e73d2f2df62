package org.fluorovault.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.AssociationParams;
import org.fluorovault.dicom.net.ul.DimseReceiver;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.fluorovault.dicom.net.ul.RoleSelection;
import org.fluorovault.dicom.net.ul.SimpleAssociationPolicy;
import org.fluorovault.dicom.net.ul.UlServer;

/**
 * A storage commitment requester's own listener, where N-EVENT-REPORTs arrive on a new
 * association after the requester's association has closed: each is answered with success and
 * queued.
 */
public final class ReportReceiver implements AutoCloseable {
    public static final String STORAGE_COMMITMENT = "1.2.840.10008.1.20.1";

    /** One report as received, with the role selection of its association. */
    public record Received(Attributes command, Attributes dataset, RoleSelection role) {}

    private final BlockingQueue<Received> reports = new LinkedBlockingQueue<>();
    private final UlServer server;

    public ReportReceiver(String aet) {
        server = new UlServer(
                AssociationParams.defaults(aet),
                new SimpleAssociationPolicy(aet, Set.of(), STORAGE_COMMITMENT::equals, (a, ts) -> true),
                assoc -> new DimseReceiver() {
                    @Override
                    public void onCommand(Association a, PresentationContext pc, byte[] command) throws IOException {
                        Attributes cmd = Commands.parse(command);
                        Attributes ds;
                        try (InputStream in = a.openDataStream()) {
                            ds = new DicomReader(in, null).readDataset(TransferSyntax.of(pc.transferSyntax()));
                        }
                        reports.add(new Received(cmd, ds, a.roleSelection(STORAGE_COMMITMENT)));
                        a.sendMessage(pc.id(), Commands.encode(Commands.response(cmd, Status.SUCCESS)), null);
                    }

                    @Override
                    public void onClosed(Association a, Throwable cause) {}
                });
    }

    /** Listens on loopback ({@code port} 0: any free port), plain or with {@code sockets}; the bound port. */
    public int start(int port, ServerSocketFactory sockets) throws IOException {
        return sockets == null
                ? server.start(InetAddress.getLoopbackAddress(), port)
                : server.start(InetAddress.getLoopbackAddress(), port, sockets);
    }

    /** The next report, or null after {@code seconds}. */
    public Received next(long seconds) throws InterruptedException {
        return reports.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop();
    }
}
