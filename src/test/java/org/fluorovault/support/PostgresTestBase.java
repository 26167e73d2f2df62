package org.fluorovault.support;

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
    /** One schema per test JVM: runs of branches with other migrations may share the database. */
    protected static final String SCHEMA = PgTestDatabase.newSchema("fv_app");

    @BeforeAll
    static void requirePostgres() {
        PgTestDatabase.require();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        if (PgTestDatabase.configured()) PgTestDatabase.register(r, SCHEMA);
    }
}
