package org.fluorovault.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditEventTypeCode;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.ConflictException;
import org.fluorovault.common.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration for ADMIN: list and create users. Creating a user (and a refused attempt)
 * is a Security Alert (110113) with User security Attributes Changed (110137); listing is
 * Application Activity (110100).
 */
@RestController
@RequestMapping("/api/admin/users")
public class UserController {
    public record NewUser(String username, String password, Role role) {}

    private final UserService users;
    private final AuditTrail audit;

    public UserController(UserService users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    @GetMapping
    public List<UserService.Account> list(HttpServletRequest request) {
        List<UserService.Account> all = users.list();
        audit.record(audit.from(request, AuditEventType.APPLICATION_ACTIVITY)
                .action(AuditAction.R)
                .detail("listed " + all.size() + " users")
                .build());
        return all;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> create(@RequestBody NewUser u, HttpServletRequest request) {
        String target = u.username() + " as " + u.role();
        try {
            if (u.role() == null)
                throw new InvalidRequestException("role is required: ADMIN, TECHNOLOGIST, PHYSICIAN or AUDITOR");
            users.create(u.username(), u.password(), u.role());
        } catch (InvalidRequestException | ConflictException e) {
            audit.record(userChange(
                    request, AuditOutcome.MINOR_FAILURE, "create user " + target + " refused: " + e.getMessage()));
            throw e;
        }
        audit.record(userChange(request, AuditOutcome.SUCCESS, "created user " + target));
        return ResponseEntity.status(201)
                .body(Map.of("username", u.username(), "role", u.role().name()));
    }

    private org.fluorovault.audit.AuditEvent userChange(
            HttpServletRequest request, AuditOutcome outcome, String detail) {
        return audit.from(request, AuditEventType.SECURITY_ALERT)
                .typeCode(AuditEventTypeCode.USER_SECURITY_ATTRIBUTES_CHANGED)
                .action(AuditAction.C)
                .outcome(outcome)
                .detail(detail)
                .build();
    }
}
