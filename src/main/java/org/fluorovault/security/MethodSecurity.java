package org.fluorovault.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Roles are checked where the endpoint is declared, with {@code @PreAuthorize(Role.WRITERS)} and friends; the URL rules
 * in {@link SecurityConfig} guard whole areas (admin, audit, pages). A refusal is answered 403 with a ProblemDetail.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurity {}
