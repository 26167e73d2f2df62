package org.fluorovault.audit;

import org.fluorovault.support.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The chain on PostgreSQL, each test in a schema of its own (required in CI). */
@Tag("postgres")
class AuditChainPostgresTest extends AuditChainContract {
    private String schema;

    @BeforeAll
    static void requirePostgres() {
        PgTestDatabase.require();
    }

    @Override
    protected String[] freshDatabase() {
        schema = PgTestDatabase.newSchema("fv_audit");
        new org.springframework.jdbc.core.JdbcTemplate(PgTestDatabase.dataSource("public"))
                .execute("CREATE SCHEMA " + schema);
        return new String[] {PgTestDatabase.url(schema), PgTestDatabase.user(), PgTestDatabase.password()};
    }

    @AfterEach
    void dropSchema() { // idle pooled connections hold no locks, so the drop does not wait for them
        if (schema != null) PgTestDatabase.drop(schema);
    }
}
