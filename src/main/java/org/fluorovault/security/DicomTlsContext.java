package org.fluorovault.security;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The node's TLS identity, when a key store is configured: used for the TLS port and for
 * outgoing associations to peers marked TLS (C-MOVE destinations).
 */
@Component
public class DicomTlsContext {
    private final DicomTlsProperties props;
    private final DicomTls tls;

    public DicomTlsContext(DicomTlsProperties props) {
        this.props = props;
        this.tls = props.keyStore() != null ? new DicomTls(props) : null;
    }

    public DicomTlsProperties properties() {
        return props;
    }

    /** Present when a key store is configured. */
    public Optional<DicomTls> tls() {
        return Optional.ofNullable(tls);
    }

    /** The TLS identity, or a configuration error naming {@code purpose}. */
    public DicomTls require(String purpose) {
        if (tls == null) {
            throw new IllegalStateException(purpose + " needs DICOM TLS: set fluorovault.dicom.tls.key-store");
        }
        return tls;
    }
}
