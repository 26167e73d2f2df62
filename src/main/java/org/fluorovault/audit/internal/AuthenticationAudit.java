package org.fluorovault.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditEventTypeCode;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditProperties;
import org.fluorovault.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logins and logouts from Spring Security's events (User Authentication, 110114, with Login
 * 110122 / Logout 110123). Every failure is recorded. HTTP Basic clients authenticate on every
 * request, so a success is recorded once per user and address per login window (form logins
 * included); a logout opens a new window.
 */
@Component
class AuthenticationAudit {
    private final AuditTrail audit;
    private final Duration window;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    AuthenticationAudit(AuditTrail audit, AuditProperties props) {
        this.audit = audit;
        this.window = props.loginWindow();
    }

    @EventListener
    void success(AuthenticationSuccessEvent e) {
        Authentication a = e.getAuthentication();
        String address = address(a);
        String key = a.getName() + "@" + address;
        Instant now = Instant.now();
        Instant[] previous = new Instant[1];
        lastSuccess.compute(key, (k, last) -> {
            previous[0] = last;
            return last != null && last.plus(window).isAfter(now) ? last : now;
        });
        if (previous[0] != null && previous[0].plus(window).isAfter(now)) return;
        if (lastSuccess.size() > 10_000)
            lastSuccess.values().removeIf(t -> t.plus(window).isBefore(now));
        audit.record(login(a, address, AuditOutcome.SUCCESS, "login (" + kind(a) + ")"));
    }

    @EventListener
    void failure(AbstractAuthenticationFailureEvent e) {
        Authentication a = e.getAuthentication();
        audit.record(login(
                a,
                address(a),
                AuditOutcome.MINOR_FAILURE,
                "login failed (" + kind(a) + "): " + e.getException().getClass().getSimpleName()));
    }

    @EventListener
    void logout(LogoutSuccessEvent e) {
        Authentication a = e.getAuthentication();
        lastSuccess.keySet().removeIf(k -> k.startsWith(a.getName() + "@"));
        audit.record(AuditEvent.of(AuditEventType.USER_AUTHENTICATION)
                .typeCode(AuditEventTypeCode.LOGOUT)
                .user(a.getName())
                .role(AuditTrail.roleOf(a))
                .sourceAddress(address(a))
                .detail("logout")
                .build());
    }

    private static AuditEvent login(Authentication a, String address, AuditOutcome outcome, String detail) {
        return AuditEvent.of(AuditEventType.USER_AUTHENTICATION)
                .typeCode(AuditEventTypeCode.LOGIN)
                .user(a.getName())
                .role(outcome == AuditOutcome.SUCCESS ? AuditTrail.roleOf(a) : null)
                .sourceAddress(address)
                .outcome(outcome)
                .detail(detail)
                .build();
    }

    private static String address(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }

    /** Form logins carry a session, HTTP Basic requests usually none. */
    private static String kind(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails d && d.getSessionId() != null ? "session" : "request";
    }
}
