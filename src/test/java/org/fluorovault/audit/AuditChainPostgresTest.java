package org.fluorovault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.support.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

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

    /** Runs docs/audit-verify.sql, the recipe for checking the chain without FluoroVault. */
    private List<String> documentedRecipe() throws Exception {
        String sql = Files.readString(Path.of("docs/audit-verify.sql"));
        int split = sql.indexOf("$$;") + 3; // the helper function, then the query (one session: pg_temp)
        return jdbc.execute((ConnectionCallback<List<String>>) c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql.substring(0, split));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(sql.substring(split))) {
                    while (rs.next()) out.add(rs.getLong(1) + " " + rs.getString(2));
                }
                return out;
            }
        });
    }

    @Test
    void theDocumentedSqlRecipeFindsTheSameFirstBrokenLink() throws Exception {
        for (int i = 1; i <= 5; i++) append(i);
        assertEquals(List.of(), documentedRecipe());
        jdbc.update("UPDATE audit_event SET detail = 'edited' WHERE id = 4");
        assertEquals(List.of("4 hash mismatch"), documentedRecipe());
        assertEquals(4L, audit.verify().firstBrokenId());
        jdbc.update("DELETE FROM audit_event WHERE id = 2");
        assertEquals(List.of("2 row 2 is missing"), documentedRecipe());
        assertEquals(2L, audit.verify().firstBrokenId());
    }

    @AfterEach
    void dropSchema() { // idle pooled connections hold no locks, so the drop does not wait for them
        if (schema != null) PgTestDatabase.drop(schema);
    }
}
