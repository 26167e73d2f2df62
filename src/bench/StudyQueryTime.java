import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The database's share of a C-FIND: runs the SQL FindScp issues for a STUDY-level query by
 * PatientID (same keys as FindBench) QUERIES times over JDBC on the index, and prints the median
 * and p95 in ms, then the plan. Run it while the application is stopped (H2 file lock).
 * Usage: java -cp CLASSPATH src/bench/StudyQueryTime.java JDBC_URL USER PASSWORD PREFIX PATIENTS QUERIES
 */
public class StudyQueryTime {
    static final String SQL = "SELECT st.id, p.patient_id, st.study_instance_uid, st.study_date, st.study_description,"
            + " st.accession_number, (SELECT COUNT(*) FROM instance x JOIN series y ON x.series_fk = y.id"
            + " WHERE y.study_fk = st.id) FROM patient p JOIN study st ON st.patient_fk = p.id"
            + " WHERE p.patient_id = ? ORDER BY st.id LIMIT ?";

    public static void main(String[] args) throws Exception {
        String prefix = args[3];
        int patients = Integer.parseInt(args[4]), queries = Integer.parseInt(args[5]);
        Random rnd = new Random(42);
        List<Double> ms = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             PreparedStatement ps = c.prepareStatement(SQL)) {
            for (int q = -20; q < queries; q++) {
                ps.setString(1, prefix + rnd.nextInt(patients));
                ps.setInt(2, 10001);
                long t0 = System.nanoTime();
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows++;
                }
                if (q >= 0) ms.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf("%.3f %.3f%n", ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)));
            try (PreparedStatement ex = c.prepareStatement("EXPLAIN " + SQL.replace("?", "'" + prefix + "1'").replace("LIMIT '" + prefix + "1'", "LIMIT 10001"));
                 ResultSet rs = ex.executeQuery()) {
                while (rs.next()) System.err.println(rs.getString(1));
            }
        }
    }
}
