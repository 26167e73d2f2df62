package org.fluorovault.node;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The DICOM node.
 *
 * @param aeTitle                  the called AE title associations must address
 * @param port                     DICOM port (0 = any free port, for tests; -1 = no plain port, only
 *                                 with the TLS port on)
 * @param bindAddress              address to listen on
 * @param allowedCallingAets       older form of {@code peers}: each AE listed may do everything from any
 *                                 address, and other AEs are refused; empty = not used
 * @param peers                    the known peers by AE title: addresses, services, certificate subject
 * @param unknownAeServices        what an AE that is neither in {@code peers} nor in
 *                                 {@code allowed-calling-aets} may do: service names, {@code ALL} or
 *                                 {@code NONE} (refused with A-ASSOCIATE-RJ). Unset: with no peers
 *                                 configured STORE, WORKLIST, MPPS and COMMITMENT (a new C-arm works
 *                                 out of the box, nobody can query or retrieve); with peers, NONE
 * @param maxAssociations          concurrent associations; beyond it A-ASSOCIATE-RJ (transient, local limit
 *                                 exceeded); as many connections more may be waiting for their ARTIM
 * @param maxConnectionsPerAddress connections from one IP address (associated or not); a further one
 *                                 is closed at once
 * @param maxPduLength             largest P-DATA-TF we accept (announced in A-ASSOCIATE-AC)
 * @param artimTimeout             how long a new connection may take to send its A-ASSOCIATE-RQ
 * @param idleTimeout              an association silent this long is aborted
 */
@Validated
@ConfigurationProperties("fluorovault.dicom")
public record DicomProperties(
        @NotBlank @Size(max = 16) @DefaultValue("FLUOROVAULT")
        String aeTitle,

        @Min(-1) @Max(65535) @DefaultValue("11112") int port,
        @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
        @NotNull @DefaultValue("") List<String> allowedCallingAets,
        @Valid Map<String, DicomPeer> peers,
        List<String> unknownAeServices,
        @Min(1) @Max(1024) @DefaultValue("32") int maxAssociations,
        @Min(1) @Max(1024) @DefaultValue("8") int maxConnectionsPerAddress,
        @Min(4096) @Max(16777216) @DefaultValue("65536") int maxPduLength,
        @NotNull @DefaultValue("10s") Duration artimTimeout,
        @NotNull @DefaultValue("60s") Duration idleTimeout) {

    public DicomProperties {
        peers = peers == null ? Map.of() : Map.copyOf(peers);
        if (artimTimeout != null && (artimTimeout.isNegative() || artimTimeout.isZero()))
            throw new IllegalArgumentException("fluorovault.dicom.artim-timeout must be positive");
    }

    /** False with {@code port=-1}: only the TLS port listens. */
    public boolean plainPortEnabled() {
        return port >= 0;
    }
}
