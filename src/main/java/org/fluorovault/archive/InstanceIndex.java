package org.fluorovault.archive;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.DateTimes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.dict.Tags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relational index of stored objects. Writes are serialised (one archive process owns its
 * index), each object's patient/study/series/instance rows commit in one transaction.
 */
@Repository
public class InstanceIndex {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Object writeLock = new Object();

    public InstanceIndex(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    private volatile String product;

    private String product() {
        if (product == null) {
            product = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>)
                    c -> c.getMetaData().getDatabaseProductName());
        }
        return product;
    }

    /**
     * Makes every commit reach the database's file before it returns, whatever the JDBC URL says:
     * on H2 the write delay is set to 0 (a commit is written at once; forcing it to the device is the
     * receipt journal's job, see {@link ArchiveStore}); on PostgreSQL, {@code synchronous_commit}
     * must not be off, which is checked and warned about.
     */
    void enforceDurableCommits() {
        String db = product();
        if ("H2".equals(db)) {
            jdbc.execute("SET WRITE_DELAY 0");
            String v = jdbc.queryForObject(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'",
                    String.class);
            if (!"0".equals(v)) throw new IllegalStateException("H2 refused WRITE_DELAY=0 (is " + v + ")");
        } else if ("PostgreSQL".equals(db)) {
            String v = jdbc.queryForObject("SHOW synchronous_commit", String.class);
            if ("off".equalsIgnoreCase(v)) {
                org.slf4j.LoggerFactory.getLogger(InstanceIndex.class)
                        .warn("PostgreSQL synchronous_commit is off: a "
                                + "database crash can lose index rows of acknowledged objects until the receipt journal replays "
                                + "them; set synchronous_commit = on");
            }
        }
    }

    /** Forces everything committed so far to stable storage (H2: CHECKPOINT SYNC; PostgreSQL commits are durable). */
    void checkpoint() {
        if ("H2".equals(product())) jdbc.execute("CHECKPOINT SYNC");
    }

    private static final String STORED_INSTANCE = """
            SELECT i.sop_instance_uid, i.sop_class_uid, i.transfer_syntax_uid, st.study_instance_uid,
                   se.series_instance_uid, i.path, i.size_bytes, i.sha256, i.calling_aet, i.received_at
            FROM instance i JOIN series se ON i.series_fk = se.id JOIN study st ON se.study_fk = st.id
            """;

    public StoredInstance find(String sopInstanceUid) {
        List<StoredInstance> r =
                jdbc.query(STORED_INSTANCE + "WHERE i.sop_instance_uid = ?", InstanceIndex::toStored, sopInstanceUid);
        return r.isEmpty() ? null : r.get(0);
    }

    /** The instances of a study in series and instance order (the order they are shown and packed). */
    public List<StoredInstance> instancesOfStudy(String studyInstanceUid) {
        return jdbc.query(STORED_INSTANCE + """
                WHERE st.study_instance_uid = ?
                ORDER BY se.series_number, se.id, i.instance_number, i.id""", InstanceIndex::toStored, studyInstanceUid);
    }

    private static StoredInstance toStored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredInstance(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Path.of(rs.getString(6)),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getTimestamp(10).toInstant());
    }

    /** Inserts the rows for one object (creating its patient, study and series when new). */
    void insert(
            Attributes ds,
            String transferSyntaxUid,
            Path relativePath,
            long size,
            String sha256,
            String callingAet,
            Instant receivedAt) {
        String seriesUid = ds.getString(Tags.SeriesInstanceUID);
        synchronized (writeLock) {
            long[] seriesKey = new long[1];
            tx.executeWithoutResult(status -> {
                Long known = knownSeries.get(seriesUid);
                long series;
                if (known
                        != null) { // a later image of a series indexed before: its patient, study and series rows exist
                    series = known;
                } else {
                    long patient = patientId(ds);
                    long study = studyId(ds, patient, receivedAt);
                    series = seriesId(ds, study, receivedAt);
                }
                seriesKey[0] = series;
                BulkDataRef pixels = ds.getBulkData(Tag.PixelData);
                jdbc.update(
                        """
                        INSERT INTO instance (sop_instance_uid, series_fk, sop_class_uid, transfer_syntax_uid,
                          instance_number, number_of_frames, rows_, columns_, frame_time, positioner_primary_angle,
                          positioner_secondary_angle, imager_pixel_spacing, pixel_spacing, distance_source_to_detector,
                          distance_source_to_patient, calling_aet, received_at, path, size_bytes, sha256,
                          pixel_data_offset, pixel_data_length, acquired_at, acquired_checked)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,TRUE)""",
                        ds.getString(Tags.SOPInstanceUID),
                        series,
                        ds.getString(Tags.SOPClassUID),
                        transferSyntaxUid,
                        integer(ds, Tags.InstanceNumber),
                        integer(ds, Tags.NumberOfFrames),
                        integer(ds, Tags.Rows),
                        integer(ds, Tags.Columns),
                        decimal(ds, Tags.FrameTime),
                        decimal(ds, Tags.PositionerPrimaryAngle),
                        decimal(ds, Tags.PositionerSecondaryAngle),
                        clip(ds.getValueAsString(Tags.ImagerPixelSpacing), 64),
                        clip(ds.getValueAsString(Tags.PixelSpacing), 64),
                        decimal(ds, Tags.DistanceSourceToDetector),
                        decimal(ds, Tags.DistanceSourceToPatient),
                        clip(callingAet, 16),
                        Timestamp.from(receivedAt),
                        relativePath.toString(),
                        size,
                        sha256,
                        pixels == null ? null : pixels.offset(),
                        pixels == null ? null : pixels.length(),
                        acquiredAt(ds));
            });
            knownSeries.put(seriesUid, seriesKey[0]); // only once committed
        }
    }

    /**
     * Series rows known to exist (series UID to id), the most recent 4,096: the images of a run
     * after its first are indexed with one insert. Rows of the index are never deleted, so a known
     * id stays right.
     */
    private final java.util.Map<String, Long> knownSeries =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
                    return size() > 4096;
                }
            });

    /** When the object says it was acquired, at its stated UTC offset or else in this archive's time zone. */
    static Timestamp acquiredAt(Attributes ds) {
        return DateTimes.acquired(ds)
                .map(m -> Timestamp.from(
                        m.offset() != null
                                ? m.local().toInstant(m.offset())
                                : m.local().atZone(ZoneId.systemDefault()).toInstant()))
                .orElse(null);
    }

    void recordQuarantine(
            String sopInstanceUid,
            String existingSha,
            String receivedSha,
            Path relativePath,
            String callingAet,
            Instant receivedAt,
            String reason) {
        jdbc.update(
                """
                INSERT INTO quarantine (sop_instance_uid, existing_sha256, received_sha256, path, calling_aet,
                  received_at, reason) VALUES (?,?,?,?,?,?,?)""",
                sopInstanceUid,
                existingSha,
                receivedSha,
                relativePath.toString(),
                clip(callingAet, 16),
                Timestamp.from(receivedAt),
                clip(reason, 512));
    }

    /** An object kept in quarantine: a different data set under an indexed SOP Instance UID. */
    public record Quarantined(
            long id,
            String sopInstanceUid,
            String storedSha256,
            String receivedSha256,
            Path path,
            String callingAet,
            Instant receivedAt,
            String reason) {}

    private static final String QUARANTINED = "SELECT id, sop_instance_uid, existing_sha256, received_sha256, path, "
            + "calling_aet, received_at, reason FROM quarantine";

    private static Quarantined toQuarantined(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Quarantined(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Path.of(rs.getString(5)),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getString(8));
    }

    /** The quarantine, newest first, at most {@code limit}. */
    public List<Quarantined> quarantined(int limit) {
        return jdbc.query(QUARANTINED + " ORDER BY id DESC LIMIT ?", InstanceIndex::toQuarantined, limit);
    }

    public long quarantineTotal() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine", Long.class);
        return n == null ? 0 : n;
    }

    public Quarantined quarantinedById(long id) {
        List<Quarantined> r = jdbc.query(QUARANTINED + " WHERE id = ?", InstanceIndex::toQuarantined, id);
        return r.isEmpty() ? null : r.get(0);
    }

    void deleteQuarantined(long id) {
        jdbc.update("DELETE FROM quarantine WHERE id = ?", id);
    }

    /**
     * Makes a released quarantined object the indexed one for its UID: the instance row takes its
     * file, checksum and instance-level attributes, and the quarantine row now names the file that
     * was indexed (swapped, so nothing is lost and the release can be undone). One transaction.
     */
    void swapWithQuarantined(
            long quarantineId,
            Attributes ds,
            String transferSyntaxUid,
            Path newPath,
            long size,
            String sha256,
            String callingAet,
            Instant receivedAt,
            StoredInstance previous,
            String reason) {
        synchronized (writeLock) {
            tx.executeWithoutResult(status -> {
                BulkDataRef pixels = ds.getBulkData(Tag.PixelData);
                int n = jdbc.update(
                        "UPDATE instance SET path = ?, size_bytes = ?, sha256 = ?, transfer_syntax_uid = ?, "
                                + "calling_aet = ?, received_at = ?, instance_number = ?, number_of_frames = ?, rows_ = ?, columns_ = ?, frame_time = ?, "
                                + "pixel_data_offset = ?, pixel_data_length = ?, acquired_at = ? WHERE sop_instance_uid = ? AND sha256 = ?",
                        newPath.toString(),
                        size,
                        sha256,
                        transferSyntaxUid,
                        clip(callingAet, 16),
                        Timestamp.from(receivedAt),
                        integer(ds, Tags.InstanceNumber),
                        integer(ds, Tags.NumberOfFrames),
                        integer(ds, Tags.Rows),
                        integer(ds, Tags.Columns),
                        decimal(ds, Tags.FrameTime),
                        pixels == null ? null : pixels.offset(),
                        pixels == null ? null : pixels.length(),
                        acquiredAt(ds),
                        previous.sopInstanceUid(),
                        previous.sha256());
                if (n != 1) throw new IllegalStateException("the indexed object changed meanwhile");
                jdbc.update(
                        "UPDATE quarantine SET existing_sha256 = ?, received_sha256 = ?, path = ?, calling_aet = ?, "
                                + "received_at = ?, reason = ? WHERE id = ?",
                        sha256,
                        previous.sha256(),
                        previous.path().toString(),
                        clip(previous.callingAet(), 16),
                        Timestamp.from(previous.receivedAt()),
                        clip(reason, 512),
                        quarantineId);
            });
        }
    }

    public int quarantineCount(String sopInstanceUid) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM quarantine WHERE sop_instance_uid = ?", Integer.class, sopInstanceUid);
        return n == null ? 0 : n;
    }

    public long instanceCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM instance", Long.class);
        return n == null ? 0 : n;
    }

    private long patientId(Attributes ds) {
        String pid = clip(ds.getString(Tags.PatientID, ""), 64);
        String issuer = clip(ds.getString(Tags.IssuerOfPatientID, ""), 64);
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM patient WHERE patient_id = ? AND issuer = ?", Long.class, pid, issuer);
        String name = clip(ds.getValueAsString(Tags.PatientName), 324);
        String birth = clip(ds.getString(Tags.PatientBirthDate), 8);
        String sex = clip(ds.getString(Tags.PatientSex), 16);
        if (!ids.isEmpty()) {
            // only when a value changes: an unchanged row is not rewritten (H2 writes every changed page at commit)
            jdbc.update(
                    "UPDATE patient SET patient_name = COALESCE(?, patient_name), birth_date = COALESCE(?, birth_date),"
                            + " sex = COALESCE(?, sex) WHERE id = ? AND (patient_name IS DISTINCT FROM COALESCE(?, patient_name)"
                            + " OR birth_date IS DISTINCT FROM COALESCE(?, birth_date) OR sex IS DISTINCT FROM COALESCE(?, sex))",
                    name,
                    birth,
                    sex,
                    ids.get(0),
                    name,
                    birth,
                    sex);
            return ids.get(0);
        }
        jdbc.update(
                "INSERT INTO patient (patient_id, issuer, patient_name, birth_date, sex) VALUES (?,?,?,?,?)",
                pid,
                issuer,
                name,
                birth,
                sex);
        return jdbc.queryForObject(
                "SELECT id FROM patient WHERE patient_id = ? AND issuer = ?", Long.class, pid, issuer);
    }

    private long studyId(Attributes ds, long patient, Instant now) {
        String uid = ds.getString(Tags.StudyInstanceUID);
        List<Long> ids = jdbc.queryForList("SELECT id FROM study WHERE study_instance_uid = ?", Long.class, uid);
        if (!ids.isEmpty()) return ids.get(0);
        jdbc.update(
                """
                INSERT INTO study (study_instance_uid, patient_fk, study_date, study_time, accession_number, study_id,
                  study_description, referring_physician, created_at) VALUES (?,?,?,?,?,?,?,?,?)""",
                uid,
                patient,
                clip(ds.getString(Tags.StudyDate), 8),
                clip(ds.getString(Tags.StudyTime), 16),
                clip(ds.getString(Tags.AccessionNumber), 16),
                clip(ds.getString(Tags.StudyID), 16),
                clip(ds.getString(Tags.StudyDescription), 64),
                clip(ds.getValueAsString(Tags.ReferringPhysicianName), 324),
                Timestamp.from(now));
        return jdbc.queryForObject("SELECT id FROM study WHERE study_instance_uid = ?", Long.class, uid);
    }

    private long seriesId(Attributes ds, long study, Instant now) {
        String uid = ds.getString(Tags.SeriesInstanceUID);
        List<Long> ids = jdbc.queryForList("SELECT id FROM series WHERE series_instance_uid = ?", Long.class, uid);
        if (!ids.isEmpty()) return ids.get(0);
        jdbc.update(
                """
                INSERT INTO series (series_instance_uid, study_fk, modality, series_number, series_description,
                  body_part_examined, manufacturer, station_name, created_at) VALUES (?,?,?,?,?,?,?,?,?)""",
                uid,
                study,
                clip(ds.getString(Tags.Modality), 16),
                integer(ds, Tags.SeriesNumber),
                clip(ds.getString(Tags.SeriesDescription), 64),
                clip(ds.getString(Tags.BodyPartExamined), 16),
                clip(ds.getString(Tags.Manufacturer), 64),
                clip(ds.getString(Tags.StationName), 16),
                Timestamp.from(now));
        return jdbc.queryForObject("SELECT id FROM series WHERE series_instance_uid = ?", Long.class, uid);
    }

    private static Integer integer(Attributes ds, int tag) {
        int[] v = ds.getInts(tag);
        return v.length == 0 ? null : v[0];
    }

    private static Double decimal(Attributes ds, int tag) {
        double[] v = ds.getDoubles(tag);
        return v.length == 0 || Double.isNaN(v[0]) || Double.isInfinite(v[0]) ? null : v[0];
    }

    static String clip(String s, int max) {
        if (s == null || s.isEmpty()) return s == null ? null : s;
        return s.length() > max ? s.substring(0, max) : s;
    }
}
