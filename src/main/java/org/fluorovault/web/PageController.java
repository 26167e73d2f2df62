package org.fluorovault.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluorovault.security.Page;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages, at the paths of {@link Page} (whose roles SecurityConfig enforces). Every page is the
 * one head of {@code static/pages/layout.html} (title, favicon, style sheet, the page's module
 * script) around the page's own body, {@code static/pages/<key>.html}; a page that needs more in its
 * head has it in {@code <key>.head.html}. Those files cannot be fetched directly. Paths carry ids
 * only (study UID, procedure id), never patient data. The login and logout pages carry the
 * session's CSRF token in their forms.
 */
@Controller
class PageController {
    private static final String UID = "{uid:[0-9.]{1,64}}";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Map<String, String> pages = new ConcurrentHashMap<>();

    /**
     * The sign-in form, with the CSRF token in the form itself (it works without scripts too). It
     * starts the session the form login continues (with a fresh id): the audit trail tells session
     * logins from HTTP Basic ones by it.
     */
    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> login(CsrfToken token, HttpServletRequest request) {
        request.getSession(true);
        return withToken(html("login", "Sign in", true), token);
    }

    /** A sign-out confirmation (the pages' own button posts directly). */
    @GetMapping(value = "/logout", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> logout(CsrfToken token) {
        return withToken(html("logout", "Sign out", false), token);
    }

    /** Home: the first page of the menu the user's role may open (auditors search, the others start at the worklist). */
    @GetMapping("/")
    String home(Authentication auth) {
        return "redirect:" + Page.home(org.fluorovault.security.Role.of(auth)).path();
    }

    @GetMapping("/worklist")
    ResponseEntity<String> worklist() {
        return page(Page.WORKLIST);
    }

    @GetMapping("/studies/" + UID)
    ResponseEntity<String> study(@PathVariable String uid) {
        return page(Page.STUDY);
    }

    @GetMapping("/procedures/{id:[0-9]{1,18}}")
    ResponseEntity<String> procedure(@PathVariable String id) {
        return page(Page.PROCEDURE);
    }

    @GetMapping("/search")
    ResponseEntity<String> search() {
        return page(Page.SEARCH);
    }

    @GetMapping("/admin")
    ResponseEntity<String> admin() {
        return page(Page.ADMIN);
    }

    @GetMapping("/audit-log")
    ResponseEntity<String> auditLog() {
        return page(Page.AUDIT_LOG);
    }

    private ResponseEntity<String> page(Page page) {
        return ok(html(page.key(), page.title(), true));
    }

    private static ResponseEntity<String> withToken(String html, CsrfToken token) {
        return ok(html.replace("{{csrf}}", HtmlUtils.htmlEscape(token.getToken())));
    }

    private static ResponseEntity<String> ok(String html) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(HTML)
                .body(html);
    }

    /** The page {@code key} in the layout, built once. */
    private String html(String key, String title, boolean script) {
        return pages.computeIfAbsent(key, k -> {
            String head = exists(k + ".head.html") ? read(k + ".head.html") : "";
            return read("layout.html")
                    .replace("{{title}}", HtmlUtils.htmlEscape(title))
                    .replace("{{head}}", head)
                    .replace(
                            "{{script}}",
                            script ? "<script type=\"module\" src=\"/assets/" + k + ".js\"></script>\n" : "")
                    .replace("{{body}}", read(k + ".html"));
        });
    }

    private static boolean exists(String file) {
        return new ClassPathResource("static/pages/" + file).exists();
    }

    private static String read(String file) {
        try (InputStream in = new ClassPathResource("static/pages/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("page " + file + " is missing from the application", e);
        }
    }
}
