package org.fluorovault.hl7;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
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
 * @param allowedAddresses source addresses a message is taken from: IP addresses and CIDR blocks
 *                        ({@code 10.20.0.0/16}, {@code 192.168.1.7}, {@code fd00::/8}); empty = any
 *                        address (the default, so that a fresh install works; lock it down in production)
 * @param allowedSenders  sending applications a message is taken from, as {@code APP^FACILITY}
 *                        (MSH-3 and MSH-4) or {@code APP} (any facility); empty = any sender
 * @param signedRecords   what a demographics update or merge does to a SIGNED record: HOLD it for a
 *                        person (the default) or APPLY it (the record becomes REVIEWED)
 */
@Validated
@ConfigurationProperties("fluorovault.hl7")
public record Hl7Properties(
        @Min(-1) @Max(65535) @DefaultValue("2575") int port,
        @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
        @Min(1) @Max(256) @DefaultValue("8") int maxConnections,
        @Min(1024) @Max(16777216) @DefaultValue("1048576") int maxMessageBytes,
        @NotNull @DefaultValue("300s") Duration idleTimeout,

        @NotBlank @Size(max = 180) @DefaultValue("FLUOROVAULT")
        String application,

        @DefaultValue("false") boolean tls,
        @Min(1) @Max(256) @DefaultValue("4") int maxConnectionsPerAddress,
        @NotNull @DefaultValue("10s") Duration firstByteTimeout,
        @NotNull @DefaultValue List<@NotBlank String> allowedAddresses,

        @NotNull @DefaultValue
        List<
                        @NotBlank
                        @Pattern(
                                regexp = "[^\\^\\s]+(\\^[^\\^\\s]+)?",
                                message = "must be APP or APP^FACILITY (MSH-3, MSH-4)")
                        String>
                allowedSenders,

        @NotNull @DefaultValue("HOLD") SignedRecords signedRecords) {

    /** What an HL7 change does to a SIGNED record. */
    public enum SignedRecords {
        HOLD,
        APPLY
    }

    public Hl7Properties {
        // "fluorovault.hl7.allowed-addresses=" (empty) is the empty list, not one blank entry
        allowedAddresses = allowedAddresses == null
                ? List.of()
                : allowedAddresses.stream()
                        .filter(a -> a != null && !a.isBlank())
                        .map(String::trim)
                        .toList();
        allowedSenders = allowedSenders == null
                ? List.of()
                : allowedSenders.stream()
                        .filter(a -> a != null && !a.isBlank())
                        .map(String::trim)
                        .toList();
        SourceAddresses.parse(allowedAddresses); // an address that is not an IP or CIDR block stops the start
    }

    public boolean enabled() {
        return port >= 0;
    }
}
