package org.fluorovault.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * C-FIND matching and C-MOVE/C-GET selection over the index (PS3.4 C.2.2.2, C.6). Keys above
 * the query level match too (relational within the hierarchy); keys below it are ignored.
 */
final class QrIndex {
    /** One stored object to retrieve. */
    record Instance(String path, String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {}

    /**
     * Row key of the matched entity's index id (patient, study, series or instance row); 0 is no
     * attribute tag, so it never collides with a key.
     */
    static final int ROW_ID = 0;

    private final JdbcTemplate jdbc;

    QrIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True if the index can match and return {@code tag} at {@code level}. */
    static boolean supported(int tag, QrLevel level) {
        QrKey k = QrKey.ALL.get(tag);
        return k != null && k.level().compareTo(level) <= 0;
    }

    /**
     * The matches at {@code level}, at most {@code max + 1} of them, each as tag -> value (null
     * for an empty value) for the supported keys the identifier asks for.
     */
    List<Map<Integer, String>> find(QrLevel level, Attributes identifier, int max) {
        QueryKeys where = new QueryKeys();
        List<QrKey> selected = new ArrayList<>();
        for (Attributes.Element e : identifier.elements()) {
            QrKey k = QrKey.ALL.get(e.tag());
            if (k == null || k.level().compareTo(level) > 0) continue;
            selected.add(k);
            match(where, k, identifier);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(level.alias).append(".id");
        for (QrKey k : selected) sql.append(", ").append(k.column());
        sql.append(level.from())
                .append(where.where())
                .append(" ORDER BY ")
                .append(level.alias)
                .append(".id LIMIT ?");
        List<Object> args = new ArrayList<>(where.args());
        args.add(max + 1);
        List<Map<Integer, String>> rows = jdbc.query(
                sql.toString(),
                (rs, n) -> {
                    Map<Integer, String> row = new HashMap<>();
                    row.put(ROW_ID, rs.getString(1));
                    for (int i = 0; i < selected.size(); i++) {
                        String v = rs.getString(i + 2);
                        row.put(selected.get(i).tag(), v == null || v.isEmpty() ? null : v);
                    }
                    return row;
                },
                args.toArray());
        if (identifier.contains(Tags.ModalitiesInStudy) && level.compareTo(QrLevel.STUDY) >= 0) {
            addModalities(rows);
        }
        return rows;
    }

    /** The stored objects below the unique keys of {@code level} and the levels above it. */
    List<Instance> instances(QrLevel level, Attributes identifier) {
        QueryKeys where = new QueryKeys();
        for (QrLevel l : QrLevel.values()) {
            if (l.compareTo(level) > 0) break;
            QrKey k = QrKey.ALL.get(l.uniqueKey);
            String v = identifier.getValueAsString(l.uniqueKey);
            if (v != null && !v.isEmpty()) uidKey(where, k.column(), v, l.uniqueKey);
        }
        String sql = "SELECT i.path, i.sop_class_uid, i.sop_instance_uid, i.transfer_syntax_uid" + QrLevel.IMAGE.from()
                + where.where() + " ORDER BY st.id, se.series_number, se.id, i.instance_number, i.id";
        return jdbc.query(
                sql,
                (rs, n) -> new Instance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                where.args().toArray());
    }

    /**
     * The stored file of the newest object below one matched entity ({@link #ROW_ID} of a row of
     * {@link #find}): the entity's own attributes are the same in each of its objects.
     */
    String representativePath(QrLevel level, long rowId) {
        String where = switch (level) {
            case PATIENT -> "st.patient_fk = ?";
            case STUDY -> "se.study_fk = ?";
            case SERIES -> "i.series_fk = ?";
            case IMAGE -> "i.id = ?";
        };
        List<String> p = jdbc.queryForList(
                "SELECT i.path FROM instance i JOIN series se ON i.series_fk = se.id"
                        + " JOIN study st ON se.study_fk = st.id WHERE " + where + " ORDER BY i.id DESC LIMIT 1",
                String.class,
                rowId);
        return p.isEmpty() ? null : p.get(0);
    }

    /** A UID key; a value that is not a UID refuses the request (A900, naming the key). */
    static void uidKey(QueryKeys where, String column, String value, int tag) {
        try {
            where.uidList(column, value);
        } catch (QueryKeys.InvalidUidKeyException e) {
            throw new org.fluorovault.dicom.net.dimse.DimseException(
                    org.fluorovault.dicom.net.dimse.QueryRetrieveStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Identifier: " + e.getMessage(),
                    tag);
        }
    }

    private static void match(QueryKeys where, QrKey k, Attributes identifier) {
        String v = identifier.getValueAsString(k.tag());
        if (v == null || v.isEmpty()) return; // universal matching
        switch (k.matching()) {
            case TEXT -> where.match(k.column(), v, false);
            case PN -> where.match(k.column(), v.split("=", -1)[0], true);
            case RANGE -> where.range(k.column(), v);
            case UID -> uidKey(where, k.column(), v, k.tag());
            case NUMBER -> where.match("CAST(" + k.column() + " AS VARCHAR(12))", v, false);
            case DERIVED -> {
                if (k.tag() == Tags.ModalitiesInStudy) {
                    String[] mods = identifier.getStrings(k.tag());
                    where.raw(
                            "EXISTS (SELECT 1 FROM series ms WHERE ms.study_fk = st.id AND ms.modality IN ("
                                    + String.join(",", Collections.nCopies(mods.length, "?")) + "))",
                            (Object[]) mods);
                }
            }
        }
    }

    /** Replaces the study id selected for ModalitiesInStudy by the study's modalities. */
    private void addModalities(List<Map<Integer, String>> rows) {
        if (rows.isEmpty()) return;
        Map<String, Set<String>> byStudy = new LinkedHashMap<>();
        for (Map<Integer, String> r : rows) byStudy.put(r.get(Tags.ModalitiesInStudy), new TreeSet<>());
        List<Object> ids = new ArrayList<>();
        for (String id : byStudy.keySet()) ids.add(Long.parseLong(id));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.query(
                    "SELECT DISTINCT study_fk, modality FROM series WHERE modality IS NOT NULL AND study_fk IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> {
                        byStudy.get(rs.getString(1)).add(rs.getString(2));
                    },
                    chunk.toArray());
        }
        for (Map<Integer, String> r : rows) {
            Set<String> m = byStudy.get(r.get(Tags.ModalitiesInStudy));
            r.put(Tags.ModalitiesInStudy, m.isEmpty() ? null : String.join("\\", m));
        }
    }
}
