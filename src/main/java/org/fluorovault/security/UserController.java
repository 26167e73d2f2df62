package org.fluorovault.security;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** User administration for ADMIN: list and create users. */
@RestController
@RequestMapping("/api/admin/users")
public class UserController {
    public record NewUser(String username, String password, Role role) {}

    private final UserService users;

    public UserController(UserService users) { this.users = users; }

    @GetMapping
    public List<Map<String, Object>> list() { return users.list(); }

    @PostMapping
    public ResponseEntity<Map<String, String>> create(@RequestBody NewUser u) {
        if (u.role() == null) throw new IllegalArgumentException("role is required: ADMIN, TECHNOLOGIST, PHYSICIAN or AUDITOR");
        users.create(u.username(), u.password(), u.role());
        return ResponseEntity.status(201).body(Map.of("username", u.username(), "role", u.role().name()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> bad(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
