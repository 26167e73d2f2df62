package org.fluorovault.security;

import org.springframework.security.core.Authentication;

/** What a user of FluoroVault is allowed to do; Spring Security holds it as the authority {@code ROLE_<name>}. */
public enum Role {
    ADMIN,
    TECHNOLOGIST,
    PHYSICIAN,
    AUDITOR;

    /** Roles that create and change procedure records, links and annotations; AUDITOR reads only. */
    public static final String WRITERS = "hasAnyRole('ADMIN','TECHNOLOGIST','PHYSICIAN')";
    /** For {@code @PreAuthorize}: ADMIN only. */
    public static final String ADMIN_ONLY = "hasRole('ADMIN')";
    /** For {@code @PreAuthorize}: PHYSICIAN only (signing). */
    public static final String PHYSICIAN_ONLY = "hasRole('PHYSICIAN')";

    /** Whether the signed-in user holds this role. */
    public boolean heldBy(Authentication auth) {
        return auth != null
                && auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + name()).equals(a.getAuthority()));
    }

    /** The FluoroVault role of a signed-in user, or null for a principal without one. */
    public static Role of(Authentication auth) {
        for (Role r : values()) {
            if (r.heldBy(auth)) return r;
        }
        return null;
    }
}
