package org.fluorovault.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Storage Commitment SCP settings.
 *
 * @param commitmentRequesters where to send an N-EVENT-REPORT when the requesting association has
 *                             closed, by the requester's AE title (in brackets:
 *                             {@code fluorovault.dicom.commitment-requesters[CARM1].host=...}); a
 *                             requester not listed only gets reports on its own association;
 *                             {@code .tls=true} for a requester that listens for DICOM TLS
 * @param commitmentReportTimeout how long to wait for the N-EVENT-REPORT-RSP
 */
@Validated
@ConfigurationProperties("fluorovault.dicom")
public record CommitmentProperties(
        @NotNull @DefaultValue Map<String, @Valid @NotNull Requester> commitmentRequesters,
        @NotNull @DefaultValue("30s") Duration commitmentReportTimeout) {

    /**
     * @param tls send the report over DICOM TLS with the node's key and trust stores
     *            ({@code fluorovault.dicom.tls.*}; start fails when none is configured)
     */
    public record Requester(
            @NotBlank String host, @Min(1) @Max(65535) int port, boolean tls) {}
}
