package org.fluorovault.dicom.net.ul;

import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * Who is on the other end of a connection, as far as the transport knows: its address, whether
 * the connection is TLS and, when the peer presented a certificate the TLS layer trusted, that
 * certificate's subject.
 *
 * @param host               the peer's IP address as text
 * @param tls                true on a TLS connection
 * @param certificateSubject the subject of the peer's verified certificate, or null
 */
public record TransportPeer(String host, boolean tls, X500Principal certificateSubject) {
    public TransportPeer {
        Objects.requireNonNull(host, "host");
    }

    public static TransportPeer plain(String host) {
        return new TransportPeer(host, false, null);
    }
}
