package org.fluorovault.web;

import org.fluorovault.security.Role;
import org.springframework.security.core.Authentication;

/** The role of the signed-in user, from Spring Security's {@code ROLE_*} authorities. */
final class Roles {
    private Roles() {}

    static boolean has(Authentication auth, Role role) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
    }

    static Role of(Authentication auth) {
        for (Role r : Role.values()) {
            if (has(auth, r)) return r;
        }
        throw new IllegalStateException("user without a FluoroVault role");
    }
}
