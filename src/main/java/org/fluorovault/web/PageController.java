package org.fluorovault.web;

import org.fluorovault.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages: clean paths forwarded to static HTML under {@code /pages} (which SecurityConfig
 * forbids to fetch directly, so the role rules on these paths are the only way in). Paths carry
 * ids only (study UID, procedure id), never patient data.
 */
@Controller
class PageController {
    private static final String UID = "{uid:[0-9.]{1,64}}";

    @GetMapping("/login")
    String login() { return "forward:/pages/login.html"; }

    /** Home: auditors search, everybody else starts at the worklist. */
    @GetMapping("/")
    String home(Authentication auth) {
        return Roles.has(auth, Role.AUDITOR) ? "redirect:/search" : "redirect:/worklist";
    }

    @GetMapping("/worklist")
    String worklist() { return "forward:/pages/worklist.html"; }

    @GetMapping("/studies/" + UID)
    String study(@PathVariable String uid) { return "forward:/pages/study.html"; }

    @GetMapping("/procedures/{id:[0-9]{1,18}}")
    String procedure(@PathVariable String id) { return "forward:/pages/procedure.html"; }

    @GetMapping("/search")
    String search() { return "forward:/pages/search.html"; }

    @GetMapping("/admin")
    String admin() { return "forward:/pages/admin.html"; }

    @GetMapping("/audit-log")
    String auditLog() { return "forward:/pages/audit-log.html"; }
}
