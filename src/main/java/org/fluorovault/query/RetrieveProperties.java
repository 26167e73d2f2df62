package org.fluorovault.query;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Query/Retrieve SCP settings.
 *
 * @param moveDestinations C-MOVE destinations by AE title (write the AE title in brackets:
 *                         {@code fluorovault.dicom.move-destinations[STORESCP].host=...}); a
 *                         destination not listed here is refused with A801
 * @param maxFindMatches   a C-FIND with more matches is refused with A700
 */
@Validated
@ConfigurationProperties("fluorovault.dicom")
public record RetrieveProperties(
        @NotNull @DefaultValue Map<String, @Valid @NotNull Destination> moveDestinations,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxFindMatches) {

    /**
     * @param tls associate over DICOM TLS with the node's key and trust stores ({@code fluorovault.dicom.tls.*})
     */
    public record Destination(
            @NotBlank String host, @Min(1) @Max(65535) int port, boolean tls) {}
}
