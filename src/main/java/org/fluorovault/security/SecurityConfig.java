package org.fluorovault.security;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/** Every endpoint but /actuator/health needs an authenticated user (HTTP Basic for API clients). */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        // the audit trail is read by ADMIN and AUDITOR only
                        .requestMatchers("/api/audit", "/api/audit/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                // API clients authenticate with HTTP Basic on every request; forms keep CSRF protection
                .csrf(c -> c.ignoringRequestMatchers("/api/**", "/dicomweb/**"));
        return http.build();
    }

    @Bean
    ApplicationRunner adminBootstrap(UserService users, SecurityProperties props) {
        return args -> users.ensureAdmin(props.adminPassword());
    }
}
