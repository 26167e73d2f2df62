package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL test database (FLUOROVAULT_TEST_PG_URL, _USER, _PASSWORD). Each user gets a
 * fresh schema of its own, so test runs of branches with different migrations sharing one
 * database never see each other's tables or Flyway history.
 */
public final class PgTestDatabase {
    public static final String URL = System.getenv("FLUOROVAULT_TEST_PG_URL");

    private PgTestDatabase() {}

    /** Skips locally, fails in CI, when no PostgreSQL is configured. */
    public static void require() {
        if (URL == null || URL.isBlank()) {
            if (Peers.inCi()) fail("FLUOROVAULT_TEST_PG_URL is not set: .ci/run must start PostgreSQL");
            assumeTrue(false, "FLUOROVAULT_TEST_PG_URL not set: PostgreSQL test skipped locally");
        }
    }

    public static boolean configured() {
        return URL != null && !URL.isBlank();
    }

    public static String user() {
        return System.getenv().getOrDefault("FLUOROVAULT_TEST_PG_USER", "fluorovault");
    }

    public static String password() {
        return System.getenv().getOrDefault("FLUOROVAULT_TEST_PG_PASSWORD", "");
    }

    /** A new schema name, unique per call. */
    public static String newSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The JDBC URL with the schema as search path. */
    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Points a Spring context's data source and Flyway at the schema. */
    public static void register(DynamicPropertyRegistry r, String schema) {
        r.add("spring.datasource.url", () -> url(schema));
        r.add("spring.datasource.username", PgTestDatabase::user);
        r.add("spring.datasource.password", PgTestDatabase::password);
        r.add("spring.flyway.schemas", () -> schema);
    }

    public static DriverManagerDataSource dataSource(String schema) {
        return new DriverManagerDataSource(url(schema), user(), password());
    }

    /** Drops the schema and all in it. */
    public static void drop(String schema) {
        new org.springframework.jdbc.core.JdbcTemplate(new DriverManagerDataSource(URL, user(), password()))
                .execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
