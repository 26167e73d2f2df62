package org.fluorovault.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.fluorovault.common.ConflictException;
import org.fluorovault.common.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users with bcrypt-hashed passwords, one role each, kept in the index database. */
@Service
public class UserService implements UserDetailsService {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public UserService(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> r = jdbc.query(
                "SELECT username, password_hash, role, enabled FROM app_user WHERE username = ?",
                (rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(new SimpleGrantedAuthority("ROLE_" + rs.getString(3)))
                        .disabled(!rs.getBoolean(4))
                        .build(),
                username);
        if (r.isEmpty()) throw new UsernameNotFoundException("no such user");
        return r.get(0);
    }

    public void create(String username, String password, Role role) {
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidRequestException("user name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < 12) {
            throw new InvalidRequestException("password must have at least 12 characters");
        }
        try {
            jdbc.update(
                    "INSERT INTO app_user (username, password_hash, role, enabled, created_at) VALUES (?,?,?,?,?)",
                    username,
                    encoder.encode(password),
                    role.name(),
                    true,
                    Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("user " + username + " exists");
        }
    }

    /** A user as the administration lists it (never the password hash). */
    public record Account(String username, Role role, boolean enabled, Instant createdAt) {}

    /** Every user, by name. */
    public List<Account> list() {
        return jdbc.query(
                "SELECT username, role, enabled, created_at FROM app_user ORDER BY username",
                (rs, n) -> new Account(
                        rs.getString(1),
                        Role.valueOf(rs.getString(2)),
                        rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()));
    }

    /** Creates "admin" when absent, with the configured password or a generated one printed once. */
    void ensureAdmin(String configuredPassword) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = 'admin'", Integer.class);
        if (n != null && n > 0) return;
        String password = configuredPassword;
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        create("admin", password, Role.ADMIN);
        if (generated) {
            // printed once, on the console only: it is never stored in clear text
            System.out.println("\n=== FluoroVault first start: user 'admin' created with password: " + password
                    + " ===\n=== Change it, or set fluorovault.security.admin-password before the first start. ===\n");
            LOG.warn("Created user 'admin' with a generated password (printed once on the console)");
        } else {
            LOG.info("Created user 'admin' with the configured password");
        }
    }
}
