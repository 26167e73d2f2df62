import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Fills an empty FluoroVault index (schema made by the application's migrations) with PATIENTS
 * patients, STUDIES studies (spread over the patients), one series per study and PER_STUDY
 * instances per series, by JDBC batch inserts, not over DICOM. Patient IDs are PREFIX0..; the
 * instances point to no file (a C-FIND benchmark never reads them).
 * Usage: java -cp CLASSPATH src/bench/FillIndex.java JDBC_URL USER PASSWORD PREFIX PATIENTS STUDIES PER_STUDY
 */
public class FillIndex {
    public static void main(String[] args) throws Exception {
        String prefix = args[3];
        int patients = Integer.parseInt(args[4]), studies = Integer.parseInt(args[5]), perStudy = Integer.parseInt(args[6]);
        String root = "1.2.826.0.1.3680043.10.1443.7";
        Timestamp now = Timestamp.from(Instant.now());
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO patient (id, patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?, ?)")) {
                for (int p = 0; p < patients; p++) {
                    ps.setLong(1, p + 1);
                    ps.setString(2, prefix + p);
                    ps.setString(3, "BENCH^PATIENT" + p);
                    ps.setString(4, String.format("19%02d0101", 30 + p % 60));
                    ps.setString(5, p % 2 == 0 ? "F" : "M");
                    ps.addBatch();
                    if (p % 5000 == 4999) ps.executeBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            try (PreparedStatement st = c.prepareStatement("INSERT INTO study (id, study_instance_uid, patient_fk, study_date,"
                    + " study_time, accession_number, study_id, study_description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement se = c.prepareStatement("INSERT INTO series (id, series_instance_uid, study_fk, modality,"
                    + " series_number, created_at) VALUES (?, ?, ?, 'XA', 1, ?)");
                 PreparedStatement in = c.prepareStatement("INSERT INTO instance (id, sop_instance_uid, series_fk, sop_class_uid,"
                    + " transfer_syntax_uid, instance_number, number_of_frames, rows_, columns_, received_at, path,"
                    + " size_bytes, sha256) VALUES (?, ?, ?, '1.2.840.10008.5.1.4.1.1.12.1', '1.2.840.10008.1.2.1', ?, 30,"
                    + " 512, 512, ?, ?, 15729152, ?)")) {
                String sha = "0".repeat(64);
                long iid = 0;
                for (int s = 0; s < studies; s++) {
                    long sid = s + 1;
                    st.setLong(1, sid);
                    st.setString(2, root + ".1." + sid);
                    st.setLong(3, s % patients + 1);
                    st.setString(4, String.format("20%02d%02d%02d", 20 + s % 7, 1 + s % 12, 1 + s % 28));
                    st.setString(5, "101500");
                    st.setString(6, "A" + sid);
                    st.setString(7, "1");
                    st.setString(8, "Lumbar epidural injection");
                    st.setTimestamp(9, now);
                    st.addBatch();
                    se.setLong(1, sid);
                    se.setString(2, root + ".2." + sid);
                    se.setLong(3, sid);
                    se.setTimestamp(4, now);
                    se.addBatch();
                    for (int i = 1; i <= perStudy; i++) {
                        iid++;
                        in.setLong(1, iid);
                        in.setString(2, root + ".3." + iid);
                        in.setLong(3, sid);
                        in.setInt(4, i);
                        in.setTimestamp(5, now);
                        in.setString(6, "bench/none/" + iid + ".dcm");
                        in.setString(7, sha);
                        in.addBatch();
                    }
                    if (s % 500 == 499) {
                        st.executeBatch();
                        se.executeBatch();
                        in.executeBatch();
                        c.commit();
                    }
                }
                st.executeBatch();
                se.executeBatch();
                in.executeBatch();
                c.commit();
                try (Statement x = c.createStatement()) { // later inserts by the application continue after these ids
                    x.execute("ALTER TABLE patient ALTER COLUMN id RESTART WITH " + (patients + 1));
                    x.execute("ALTER TABLE study ALTER COLUMN id RESTART WITH " + (studies + 1));
                    x.execute("ALTER TABLE series ALTER COLUMN id RESTART WITH " + (studies + 1));
                    x.execute("ALTER TABLE instance ALTER COLUMN id RESTART WITH " + (iid + 1));
                }
                c.commit();
                System.err.printf("[fill] %d patients, %d studies, %d instances in %.1f s%n", patients, studies, iid,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
