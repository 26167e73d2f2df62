package org.fluorovault.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param loginWindow a successful login of a user from one address is recorded once per this
 *                    window (HTTP Basic clients authenticate on every request); failures always
 */
@ConfigurationProperties("fluorovault.audit")
public record AuditProperties(@DefaultValue("10m") Duration loginWindow) {}
