package org.fluorovault.archive;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The archive's read API for the other features: what they need to know about studies and their images, so that only
 * the archive names its tables ({@code patient}, {@code study}, {@code series}, {@code instance}) in SQL. The query
 * package (C-FIND, QIDO-RS, WADO-RS) is the archive's full read side and keeps its own SQL.
 */
@Repository
public class StudyQueries {
    /** Longest IN list sent in one statement; longer collections are asked in slices. */
    private static final int SLICE = 500;

    /** What the linker and the link queue show of a study: its patient, accession, date and modalities. */
    public record StudySummary(
            String studyInstanceUid,
            String patientId,
            String issuerOfPatientId,
            String accessionNumber,
            String studyDate,
            Instant receivedAt,
            List<String> modalities) {}

    /** One stored image with what the evidence rules need: series, modality, positioner angle and times. */
    public record StoredImage(
            String sopInstanceUid,
            String seriesInstanceUid,
            String studyInstanceUid,
            String modality,
            Double positionerPrimaryAngle,
            Instant acquiredAt,
            Instant receivedAt,
            long receiptOrder) {}

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public StudyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public Optional<StudySummary> study(String studyInstanceUid) {
        return Optional.ofNullable(studies(List.of(studyInstanceUid)).get(studyInstanceUid));
    }

    /** The studies among {@code uids} that are in the archive, by Study Instance UID. */
    public Map<String, StudySummary> studies(Collection<String> uids) {
        Map<String, StudySummary> out = new LinkedHashMap<>();
        for (List<String> slice : slices(uids)) {
            Map<Long, String> uidOf = new HashMap<>();
            Map<String, Object[]> rows = new LinkedHashMap<>();
            named.query("""
                    SELECT s.id, s.study_instance_uid, p.patient_id, p.issuer, s.accession_number, s.study_date, s.created_at
                    FROM study s JOIN patient p ON p.id = s.patient_fk WHERE s.study_instance_uid IN (:uids)""", Map.of("uids", slice), rs -> {
                uidOf.put(rs.getLong(1), rs.getString(2));
                rows.put(rs.getString(2), new Object[] {
                    rs.getString(3),
                    blankToNull(rs.getString(4)),
                    blankToNull(rs.getString(5)),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant()
                });
            });
            if (rows.isEmpty()) continue;
            Map<String, List<String>> modalities = new HashMap<>();
            named.query("""
                    SELECT DISTINCT study_fk, modality FROM series WHERE study_fk IN (:ids) AND modality IS NOT NULL
                    ORDER BY study_fk, modality""", Map.of("ids", uidOf.keySet()), rs -> {
                modalities
                        .computeIfAbsent(uidOf.get(rs.getLong(1)), k -> new ArrayList<>())
                        .add(rs.getString(2));
            });
            rows.forEach((uid, r) -> out.put(
                    uid,
                    new StudySummary(
                            uid,
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            (String) r[3],
                            (Instant) r[4],
                            List.copyOf(modalities.getOrDefault(uid, List.of())))));
        }
        return out;
    }

    public boolean studyExists(String studyInstanceUid) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM study WHERE study_instance_uid = ?", Integer.class, studyInstanceUid);
        return n != null && n > 0;
    }

    /** The Study Instance UIDs of a patient (by Patient ID, any issuer). */
    public List<String> studiesOfPatient(String patientId) {
        return jdbc.queryForList("""
                SELECT s.study_instance_uid FROM patient p JOIN study s ON s.patient_fk = p.id WHERE p.patient_id = ?""", String.class, patientId);
    }

    /** The Study Instance UIDs with this Accession Number. */
    public List<String> studiesWithAccession(String accessionNumber) {
        return jdbc.queryForList(
                "SELECT study_instance_uid FROM study WHERE accession_number = ?", String.class, accessionNumber);
    }

    /** Every Study Instance UID in the archive, streamed (for catching up after a crash, not for requests). */
    public void forEachStudy(Consumer<String> studyInstanceUid) {
        jdbc.query("SELECT study_instance_uid FROM study", rs -> {
            studyInstanceUid.accept(rs.getString(1));
        });
    }

    /** The studies among {@code uids} that hold at least one stored instance. */
    public Set<String> studiesWithImages(Collection<String> uids) {
        Set<String> out = new HashSet<>();
        for (List<String> slice : slices(uids)) {
            out.addAll(named.queryForList("""
                    SELECT s.study_instance_uid FROM study s WHERE s.study_instance_uid IN (:uids)
                      AND EXISTS (SELECT 1 FROM series se JOIN instance i ON i.series_fk = se.id WHERE se.study_fk = s.id)""", Map.of("uids", slice), String.class));
        }
        return out;
    }

    /** The SOP Instance UIDs stored in each of the studies among {@code uids}. */
    public Map<String, List<String>> instancesOfStudies(Collection<String> uids) {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> slice : slices(uids)) {
            named.query("""
                    SELECT st.study_instance_uid, i.sop_instance_uid FROM instance i JOIN series se ON i.series_fk = se.id
                    JOIN study st ON se.study_fk = st.id WHERE st.study_instance_uid IN (:uids)""", Map.of("uids", slice), rs -> {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            });
        }
        return out;
    }

    /** The stored images of a study, in receipt order ({@code receiptOrder}); ordering by acquisition is the caller's. */
    public List<StoredImage> images(String studyInstanceUid) {
        return jdbc.query(
                """
                SELECT i.sop_instance_uid, se.series_instance_uid, st.study_instance_uid, se.modality,
                       i.positioner_primary_angle, i.acquired_at, i.received_at, i.id
                FROM instance i JOIN series se ON i.series_fk = se.id JOIN study st ON se.study_fk = st.id
                WHERE st.study_instance_uid = ? ORDER BY i.id""",
                (rs, n) -> new StoredImage(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5),
                        instant(rs.getTimestamp(6)),
                        rs.getTimestamp(7).toInstant(),
                        rs.getLong(8)),
                studyInstanceUid);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<List<String>> slices(Collection<String> uids) {
        List<String> all = uids.stream().distinct().toList();
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SLICE) out.add(all.subList(i, Math.min(all.size(), i + SLICE)));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
