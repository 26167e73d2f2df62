package org.fluorovault.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DICOM over TLS (PS3.15 B.1/B.9): a second port beside the plain one.
 *
 * @param enabled            open the TLS port
 * @param port               TLS port (2762 is DICOM's registered TLS port; 0 = any free port)
 * @param keyStore           our private key and certificate (PKCS12 or JKS)
 * @param keyStorePassword   its password
 * @param keyStoreType       PKCS12 or JKS
 * @param trustStore         certificates of the peers (or their CAs) we trust; empty = nobody (no client
 *                           certificate is accepted, no outgoing TLS peer is trusted)
 * @param trustStorePassword its password
 * @param protocols          TLS versions offered
 * @param cipherSuites       cipher suites offered; empty = TLS 1.3 suites and, for TLS 1.2, ECDHE with AES-GCM
 *                           or ChaCha20-Poly1305 only
 * @param needClientAuth     refuse peers that do not present a trusted certificate
 */
@Validated
@ConfigurationProperties("fluorovault.dicom.tls")
public record DicomTlsProperties(
        @DefaultValue("false") boolean enabled,
        @Min(0) @Max(65535) @DefaultValue("2762") int port,
        Path keyStore,
        String keyStorePassword,
        @DefaultValue("PKCS12") String keyStoreType,
        Path trustStore,
        String trustStorePassword,
        @NotNull @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols,
        @NotNull @DefaultValue("") List<String> cipherSuites,
        @DefaultValue("false") boolean needClientAuth) {

    public DicomTlsProperties {
        if (enabled && keyStore == null) {
            throw new IllegalArgumentException("fluorovault.dicom.tls.key-store is required when TLS is enabled");
        }
        for (String p : protocols) {
            if (!p.equals("TLSv1.2") && !p.equals("TLSv1.3")) {
                throw new IllegalArgumentException(
                        "fluorovault.dicom.tls.protocols: only TLSv1.2 and TLSv1.3, not " + p);
            }
        }
    }
}
