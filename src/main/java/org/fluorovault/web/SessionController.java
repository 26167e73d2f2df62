package org.fluorovault.web;

import org.fluorovault.security.Role;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is signed in and with which role; the pages build their navigation from it. */
@RestController
class SessionController {
    record Me(String username, Role role) {}

    @GetMapping(value = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Me me(Authentication auth) {
        return new Me(auth.getName(), Role.of(auth));
    }
}
