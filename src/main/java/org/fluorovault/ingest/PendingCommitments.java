package org.fluorovault.ingest;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storage commitment requests whose N-EVENT-REPORT has not been delivered: recorded before the
 * N-ACTION-RSP, removed once the report has been answered, read again when the node starts.
 */
@Repository
class PendingCommitments {
    /** One recorded request: its referenced instances as {SOP Class UID, SOP Instance UID}. */
    record Pending(long id, String transactionUid, String callingAet, List<String[]> references) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    PendingCommitments(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Records a request with all its references, or nothing. */
    Pending add(String transactionUid, String callingAet, List<String[]> references) {
        Long id = tx.execute(status -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(
                    c -> {
                        PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO commitment_request (transaction_uid, calling_aet,"
                                        + " received_at) VALUES (?, ?, ?)",
                                new String[] {"id"});
                        ps.setString(1, transactionUid);
                        ps.setString(2, callingAet);
                        ps.setTimestamp(3, Timestamp.from(Instant.now()));
                        return ps;
                    },
                    key);
            long rid = key.getKey().longValue();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                rows.add(new Object[] {rid, i, references.get(i)[0], references.get(i)[1]});
            }
            jdbc.batchUpdate(
                    "INSERT INTO commitment_reference (request_fk, item_no, sop_class_uid, sop_instance_uid)"
                            + " VALUES (?, ?, ?, ?)",
                    rows);
            return rid;
        });
        return new Pending(id, transactionUid, callingAet, references);
    }

    void remove(long id) {
        jdbc.update("DELETE FROM commitment_request WHERE id = ?", id);
    }

    /** Every request not yet reported, oldest first. */
    List<Pending> all() {
        Map<Long, Pending> byId = new LinkedHashMap<>();
        jdbc.query("SELECT id, transaction_uid, calling_aet FROM commitment_request ORDER BY id", rs -> {
            byId.put(rs.getLong(1), new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), new ArrayList<>()));
        });
        jdbc.query(
                "SELECT request_fk, sop_class_uid, sop_instance_uid FROM commitment_reference ORDER BY request_fk, item_no",
                rs -> {
                    Pending p = byId.get(rs.getLong(1));
                    if (p != null) p.references().add(new String[] {rs.getString(2), rs.getString(3)});
                });
        return new ArrayList<>(byId.values());
    }

    int count() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM commitment_request", Integer.class);
        return n == null ? 0 : n;
    }
}
