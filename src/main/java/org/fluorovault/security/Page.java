package org.fluorovault.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pages of the web application and the roles that may open each. This is the one table:
 * {@link SecurityConfig} builds its URL rules from it, the web feature serves the pages and the
 * pages' menu ({@code GET /api/vocabulary}) from it, and the README's page table says the same.
 * A path may hold one {@code {variable}} segment (a path pattern, as Spring matches it).
 */
public enum Page {
    WORKLIST("/worklist", "Worklist", true, Role.ADMIN, Role.TECHNOLOGIST, Role.PHYSICIAN),
    STUDY("/studies/{studyUid}", "Study review", false, Role.values()),
    PROCEDURE("/procedures/{id}", "Procedure", false, Role.values()),
    SEARCH("/search", "Search", true, Role.ADMIN, Role.PHYSICIAN, Role.AUDITOR),
    AUDIT_LOG("/audit-log", "Audit log", true, Role.ADMIN, Role.AUDITOR),
    ADMIN("/admin", "Administration", true, Role.ADMIN);

    private final String path;
    private final String title;
    private final boolean menu;
    private final List<Role> roles;

    Page(String path, String title, boolean menu, Role... roles) {
        this.path = path;
        this.title = title;
        this.menu = menu;
        this.roles = List.of(roles);
    }

    /** The path pattern ("/studies/{studyUid}"). */
    public String path() {
        return path;
    }

    /** The page's title, which is also its label in the menu. */
    public String title() {
        return title;
    }

    /** True for the pages the menu links to (the others are reached from those). */
    public boolean menu() {
        return menu;
    }

    /** The roles that may open the page; the server answers 403 to the others. */
    public List<Role> roles() {
        return roles;
    }

    /** The page's short name ("audit-log"), which also names its HTML body and its script. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    String[] roleNames() {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }

    /** Where a user of {@code role} starts: the first menu page the role may open. */
    public static Page home(Role role) {
        return Arrays.stream(values())
                .filter(p -> p.menu && p.allows(role))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no page for " + role));
    }
}
