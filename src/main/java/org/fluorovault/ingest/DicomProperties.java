package org.fluorovault.ingest;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The DICOM node.
 *
 * @param aeTitle            the called AE title associations must address
 * @param port               DICOM port (0 = any free port, for tests)
 * @param bindAddress        address to listen on
 * @param allowedCallingAets calling AE titles allowed to associate; empty = any
 * @param maxAssociations    concurrent associations; beyond it A-ASSOCIATE-RJ (transient, local limit exceeded)
 * @param maxPduLength       largest P-DATA-TF we accept (announced in A-ASSOCIATE-AC)
 * @param artimTimeout       how long a new connection may take to send its A-ASSOCIATE-RQ
 * @param idleTimeout        an association silent this long is aborted
 */
@Validated
@ConfigurationProperties("fluorovault.dicom")
public record DicomProperties(
        @NotBlank @Size(max = 16) @DefaultValue("FLUOROVAULT") String aeTitle,
        @Min(0) @Max(65535) @DefaultValue("11112") int port,
        @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
        @NotNull @DefaultValue("") List<String> allowedCallingAets,
        @Min(1) @Max(1024) @DefaultValue("32") int maxAssociations,
        @Min(4096) @Max(16777216) @DefaultValue("65536") int maxPduLength,
        @NotNull @DefaultValue("30s") Duration artimTimeout,
        @NotNull @DefaultValue("60s") Duration idleTimeout) {
}
