package org.fluorovault.audit;

import java.util.UUID;

/** The chain on H2 in PostgreSQL mode, as the application configures it. */
class AuditChainH2Test extends AuditChainContract {
    @Override
    protected String[] freshDatabase() {
        return new String[] {
            "jdbc:h2:mem:audit-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            ""
        };
    }
}
