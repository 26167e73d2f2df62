package org.fluorovault.support;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An in-memory H2 index in the application's mode (PostgreSQL compatibility, as in application.properties) with every
 * Flyway migration applied, for tests that build a feature's services on plain objects instead of starting the
 * application. Each call makes a database of its own.
 */
public record MemoryIndex(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx) {
    private static final AtomicInteger NEXT = new AtomicInteger();

    public static MemoryIndex migrated() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:index-" + NEXT.incrementAndGet()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new MemoryIndex(ds, new JdbcTemplate(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
    }
}
