package org.fluorovault.procedure.hl7;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HL7 v2 (MLLP) listener.
 *
 * @param port            MLLP port (0 = any free port, for tests; -1 = no HL7 listener)
 * @param bindAddress     address to listen on
 * @param maxConnections  concurrent connections; a connection beyond it is closed at once
 * @param maxMessageBytes largest framed message accepted; a longer one is read to its end, not kept, and answered AR
 * @param idleTimeout     a connection silent this long is closed
 * @param application     MSH-3 (sending application) of the ACKs
 * @param tls             MLLP over TLS on this port, with the archive's TLS identity and settings
 *                        ({@code fluorovault.dicom.tls.*}: key and trust stores, versions, cipher suites,
 *                        client certificate required or not)
 * @param maxConnectionsPerAddress connections from one IP address; a further one is closed at once
 * @param firstByteTimeout a new connection that sends nothing this long is closed (frees its slot
 *                        quickly; {@code idleTimeout} applies once the peer has spoken)
 */
@Validated
@ConfigurationProperties("fluorovault.hl7")
public record Hl7Properties(
        @Min(-1) @Max(65535) @DefaultValue("2575") int port,
        @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
        @Min(1) @Max(256) @DefaultValue("8") int maxConnections,
        @Min(1024) @Max(16777216) @DefaultValue("1048576") int maxMessageBytes,
        @NotNull @DefaultValue("300s") Duration idleTimeout,
        @NotBlank @Size(max = 180) @DefaultValue("FLUOROVAULT") String application,
        @DefaultValue("false") boolean tls,
        @Min(1) @Max(256) @DefaultValue("4") int maxConnectionsPerAddress,
        @NotNull @DefaultValue("10s") Duration firstByteTimeout) {

    public boolean enabled() { return port >= 0; }
}
