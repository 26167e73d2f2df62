package org.fluorovault.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge.
 *
 * @param maxBodySize largest request body taken (JSON, the CSV import); a larger one is answered
 *                    413 before it is read (declared length) or as soon as it passes the limit
 *                    (chunked). Between 1KB and 1GB.
 */
@Validated
@ConfigurationProperties("fluorovault.http")
public record HttpProperties(@NotNull @DefaultValue("10MB") DataSize maxBodySize) {
    public HttpProperties {
        if (maxBodySize != null
                && (maxBodySize.toBytes() < 1024
                        || maxBodySize.toBytes() > DataSize.ofGigabytes(1).toBytes())) {
            throw new IllegalArgumentException(
                    "fluorovault.http.max-body-size must be between 1KB and 1GB, not " + maxBodySize);
        }
    }
}
