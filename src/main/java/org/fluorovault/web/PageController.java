package org.fluorovault.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.fluorovault.security.Role;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages: clean paths forwarded to static HTML under {@code /pages} (which SecurityConfig
 * forbids to fetch directly, so the role rules on these paths are the only way in). Paths carry
 * ids only (study UID, procedure id), never patient data. The login and logout pages carry the
 * session's CSRF token in their forms.
 */
@Controller
class PageController {
    private static final String UID = "{uid:[0-9.]{1,64}}";

    private final Map<String, String> templates = new ConcurrentHashMap<>();

    /**
     * The sign-in form, with the CSRF token in the form itself (it works without scripts too). It
     * starts the session the form login continues (with a fresh id): the audit trail tells session
     * logins from HTTP Basic ones by it.
     */
    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> login(CsrfToken token, HttpServletRequest request) {
        request.getSession(true);
        return withToken("login.html", token);
    }

    /** A sign-out confirmation (the pages' own button posts directly). */
    @GetMapping(value = "/logout", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> logout(CsrfToken token) { return withToken("logout.html", token); }

    private ResponseEntity<String> withToken(String page, CsrfToken token) {
        String html = templates.computeIfAbsent(page, PageController::read)
                .replace("{{csrf}}", HtmlUtils.htmlEscape(token.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String read(String page) {
        try (InputStream in = new ClassPathResource("static/pages/" + page).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("page " + page + " is missing from the application", e);
        }
    }

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
