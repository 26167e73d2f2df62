package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The archive on PostgreSQL (the production database), one context shared by the subclasses.
 * Runs when FLUOROVAULT_TEST_PG_URL is set (.ci/run sets it); required in CI.
 */
@Tag("postgres")
public abstract class PostgresTestBase extends ArchiveTestBase {
    protected static final String URL = System.getenv("FLUOROVAULT_TEST_PG_URL");

    @BeforeAll
    static void requirePostgres() {
        if (URL == null || URL.isBlank()) {
            if (Peers.inCi()) fail("FLUOROVAULT_TEST_PG_URL is not set: .ci/run must start PostgreSQL");
            assumeTrue(false, "FLUOROVAULT_TEST_PG_URL not set: PostgreSQL test skipped locally");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        if (URL == null || URL.isBlank()) return;
        r.add("spring.datasource.url", () -> URL);
        r.add("spring.datasource.username", () -> System.getenv().getOrDefault("FLUOROVAULT_TEST_PG_USER", "fluorovault"));
        r.add("spring.datasource.password", () -> System.getenv().getOrDefault("FLUOROVAULT_TEST_PG_PASSWORD", ""));
        r.add("spring.flyway.clean-disabled", () -> "false");
    }
}
