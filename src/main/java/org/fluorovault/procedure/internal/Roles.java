package org.fluorovault.procedure.internal;

import java.util.Arrays;

import org.fluorovault.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** Server-side role checks for the procedure endpoints (403 through Spring Security when refused). */
public final class Roles {
    /** Roles that may create and change procedure records; AUDITOR reads only. */
    public static final Role[] WRITERS = {Role.ADMIN, Role.TECHNOLOGIST, Role.PHYSICIAN};

    private Roles() {}

    public static void require(Authentication auth, Role... roles) {
        boolean ok = auth != null && auth.getAuthorities().stream().anyMatch(a ->
                Arrays.stream(roles).anyMatch(r -> a.getAuthority().equals("ROLE_" + r.name())));
        if (!ok) throw new AccessDeniedException("this needs the role " + Arrays.toString(roles));
    }
}
