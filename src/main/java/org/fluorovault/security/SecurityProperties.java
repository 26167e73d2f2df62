package org.fluorovault.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminPassword password of the first user "admin"; when empty one is generated at first
 *                      start and printed once. Never defaulted.
 */
@ConfigurationProperties("fluorovault.security")
public record SecurityProperties(String adminPassword) {}
