package org.fluorovault.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every endpoint but /actuator/health and the login page needs an authenticated user: API clients
 * send HTTP Basic on every request, browsers log in with the form and keep a session.
 *
 * <p>CSRF: a request that carries an {@code Authorization} header cannot have been forged by another
 * site (browsers never add one to a cross-site request on their own), so only those skip the check.
 * Session (cookie) requests, pages and {@code /api} alike, must echo the {@code XSRF-TOKEN} cookie in
 * the {@code X-XSRF-TOKEN} header or the {@code _csrf} form field.
 *
 * <p>Pages are served by the {@code web} feature under the paths of {@link Page}, whose roles are
 * the rules here; their HTML under {@code /pages/} cannot be fetched directly.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {
    /** Requests with credentials of their own (HTTP Basic API clients). */
    static final RequestMatcher HAS_AUTHORIZATION_HEADER = r -> r.getHeader("Authorization") != null;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(c -> c.sameSite("Strict"));
        CsrfTokenRequestAttributeHandler plainTokens = new CsrfTokenRequestAttributeHandler();
        plainTokens.setCsrfRequestAttributeName(null); // resolve the token on every request: the cookie is always set
        String admin = Role.ADMIN.name();
        String auditor = Role.AUDITOR.name();
        http.authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers("/actuator/health", "/actuator/health/**")
                            .permitAll()
                            .requestMatchers("/login", "/assets/**", "/favicon.ico")
                            .permitAll()
                            .requestMatchers("/pages/**")
                            .denyAll()
                            .requestMatchers("/api/admin/**", "/admin/**")
                            .hasRole(admin)
                            // the audit trail is read by ADMIN and AUDITOR only
                            .requestMatchers("/api/audit", "/api/audit/**")
                            .hasAnyRole(admin, auditor)
                            .requestMatchers("/actuator/**")
                            .hasRole(admin);
                    // each page for the roles of the page table
                    for (Page page : Page.values())
                        a.requestMatchers(page.path()).hasAnyRole(page.roleNames());
                    a.anyRequest().authenticated();
                })
                .httpBasic(Customizer.withDefaults())
                .formLogin(
                        f -> f.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(l ->
                        l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .csrf(c -> c.csrfTokenRepository(tokens)
                        .csrfTokenRequestHandler(plainTokens)
                        .ignoringRequestMatchers(HAS_AUTHORIZATION_HEADER))
                .exceptionHandling(e -> e.accessDeniedHandler(CSRF_WITHOUT_CREDENTIALS_IS_401))
                // security headers before the controller runs: written on the way back they race a streamed
                // body (WADO-RS) on another thread, and about one response in 660 never arrived
                // (spring-security issue 15510; the remedy its maintainers give)
                .headers(h -> h.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
        return http.build();
    }

    /**
     * A write without credentials of any kind (no Authorization header, no session) fails the CSRF
     * check before authentication runs: it is answered 401 as any unauthenticated request, with the
     * Basic challenge for API clients and without it for the pages' scripts (which then go to the
     * login page). A session's write without its token stays 403.
     */
    static final AccessDeniedHandler CSRF_WITHOUT_CREDENTIALS_IS_401 = new AccessDeniedHandler() {
        private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        private final BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();

        {
            challenge.setRealmName("FluoroVault");
        }

        @Override
        public void handle(HttpServletRequest req, HttpServletResponse rsp, AccessDeniedException e)
                throws IOException, ServletException {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = user == null || user instanceof AnonymousAuthenticationToken;
            if (!(e instanceof CsrfException) || !anonymous || req.getSession(false) != null) {
                forbidden.handle(req, rsp, e);
            } else if ("XMLHttpRequest".equals(req.getHeader("X-Requested-With"))) {
                rsp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                challenge.commence(req, rsp, new InsufficientAuthenticationException("no credentials"));
            }
        }
    };

    /** Loads the deferred CSRF token so that its cookie reaches the browser with every page. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) req.getAttribute(CsrfToken.class.getName());
            if (token != null && !HAS_AUTHORIZATION_HEADER.matches(req)) token.getToken();
            chain.doFilter(req, rsp);
        }
    }

    @Bean
    ApplicationRunner adminBootstrap(UserService users, SecurityProperties props) {
        return args -> users.ensureAdmin(props.adminPassword());
    }
}
