package org.fluorovault.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.ElementDictionary;
import org.fluorovault.dicom.dict.Tags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** QIDO-RS searches (PS3.18 10.6) over the index: studies, series and instances. */
@Service
public class QidoService {
    public static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    public QidoService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Query parameters keyed by keyword or tag, plus paging. */
    public record Query(Map<String, String> keys, int limit, int offset, Set<String> includeFields) {
        String get(int tag) {
            String kw = ElementDictionary.keywordOf(tag);
            String v = kw == null ? null : keys.get(kw);
            return v != null ? v : keys.get(String.format("%08X", tag));
        }
    }

    private static final String STUDY_COLUMNS = """
            st.id, st.study_instance_uid, st.study_date, st.study_time, st.accession_number, st.study_id,
            st.study_description, st.referring_physician, p.patient_id, p.patient_name, p.birth_date, p.sex,
            (SELECT COUNT(*) FROM series s2 WHERE s2.study_fk = st.id) AS n_series,
            (SELECT COUNT(*) FROM instance i2 JOIN series s3 ON i2.series_fk = s3.id WHERE s3.study_fk = st.id) AS n_instances
            """;

    public List<Attributes> studies(Query q) {
        QueryKeys k = new QueryKeys();
        studyKeys(k, q);
        String sql = "SELECT " + STUDY_COLUMNS + " FROM study st JOIN patient p ON st.patient_fk = p.id" + k.where()
                + " ORDER BY st.study_date DESC, st.id DESC" + page(q, k);
        List<Attributes> rows =
                jdbc.query(sql, (rs, n) -> studyAttributes(rs), k.args().toArray());
        addModalities(rows);
        return rows;
    }

    public List<Attributes> series(String studyUid, Query q) {
        QueryKeys k = new QueryKeys();
        if (studyUid != null) k.raw("st.study_instance_uid = ?", studyUid);
        else studyKeys(k, q);
        seriesKeys(k, q);
        String sql = "SELECT se.series_instance_uid, se.modality, se.series_number, se.series_description, "
                + "se.body_part_examined, se.manufacturer, se.station_name, st.study_instance_uid, "
                + "(SELECT COUNT(*) FROM instance i2 WHERE i2.series_fk = se.id) AS n_instances "
                + "FROM series se JOIN study st ON se.study_fk = st.id JOIN patient p ON st.patient_fk = p.id"
                + k.where() + " ORDER BY se.series_number, se.id" + page(q, k);
        return jdbc.query(
                sql,
                (rs, n) -> {
                    Attributes a = new Attributes();
                    a.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
                    str(a, Tags.StudyInstanceUID, VR.UI, rs.getString(8));
                    str(a, Tags.SeriesInstanceUID, VR.UI, rs.getString(1));
                    str(a, Tags.Modality, VR.CS, rs.getString(2));
                    num(a, Tags.SeriesNumber, VR.IS, rs, 3);
                    str(a, Tags.SeriesDescription, VR.LO, rs.getString(4));
                    str(a, Tags.BodyPartExamined, VR.CS, rs.getString(5));
                    str(a, Tags.Manufacturer, VR.LO, rs.getString(6));
                    str(a, Tags.StationName, VR.SH, rs.getString(7));
                    a.setInt(Tags.NumberOfSeriesRelatedInstances, VR.IS, rs.getInt(9));
                    return a;
                },
                k.args().toArray());
    }

    public List<Attributes> instances(String studyUid, String seriesUid, Query q) {
        QueryKeys k = new QueryKeys();
        if (studyUid != null) k.raw("st.study_instance_uid = ?", studyUid);
        else studyKeys(k, q);
        if (seriesUid != null) k.raw("se.series_instance_uid = ?", seriesUid);
        else seriesKeys(k, q);
        k.uidList("i.sop_instance_uid", q.get(Tags.SOPInstanceUID));
        k.uidList("i.sop_class_uid", q.get(Tags.SOPClassUID));
        k.match("CAST(i.instance_number AS VARCHAR(12))", q.get(Tags.InstanceNumber), false);
        String sql = "SELECT i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.number_of_frames, i.rows_, "
                + "i.columns_, i.transfer_syntax_uid, se.series_instance_uid, st.study_instance_uid "
                + "FROM instance i JOIN series se ON i.series_fk = se.id JOIN study st ON se.study_fk = st.id "
                + "JOIN patient p ON st.patient_fk = p.id" + k.where() + " ORDER BY i.instance_number, i.id"
                + page(q, k);
        return jdbc.query(
                sql,
                (rs, n) -> {
                    Attributes a = new Attributes();
                    a.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
                    str(a, Tags.SOPClassUID, VR.UI, rs.getString(2));
                    str(a, Tags.SOPInstanceUID, VR.UI, rs.getString(1));
                    str(a, Tags.StudyInstanceUID, VR.UI, rs.getString(9));
                    str(a, Tags.SeriesInstanceUID, VR.UI, rs.getString(8));
                    num(a, Tags.InstanceNumber, VR.IS, rs, 3);
                    num(a, Tags.NumberOfFrames, VR.IS, rs, 4);
                    if (rs.getObject(5) != null) a.setInt(Tags.Rows, VR.US, rs.getInt(5));
                    if (rs.getObject(6) != null) a.setInt(Tags.Columns, VR.US, rs.getInt(6));
                    str(a, Tags.AvailableTransferSyntaxUID, VR.UI, rs.getString(7));
                    return a;
                },
                k.args().toArray());
    }

    private static void studyKeys(QueryKeys k, Query q) {
        k.match("p.patient_id", q.get(Tags.PatientID), false);
        k.match("p.patient_name", q.get(Tags.PatientName), true);
        k.range("st.study_date", q.get(Tags.StudyDate));
        k.range("st.study_time", q.get(Tags.StudyTime));
        k.match("st.accession_number", q.get(Tags.AccessionNumber), false);
        k.match("st.study_id", q.get(Tags.StudyID), false);
        k.uidList("st.study_instance_uid", q.get(Tags.StudyInstanceUID));
        k.match("UPPER(st.study_description)", upper(q.get(Tags.StudyDescription)), false);
        // empty values ("ModalitiesInStudy=,,") are ignored; none left is universal matching
        String[] m = QueryKeys.values(q.get(Tags.ModalitiesInStudy));
        if (m.length > 0) {
            StringBuilder in =
                    new StringBuilder("EXISTS (SELECT 1 FROM series ms WHERE ms.study_fk = st.id AND ms.modality IN (");
            for (int i = 0; i < m.length; i++) in.append(i == 0 ? "?" : ",?");
            k.raw(in.append("))").toString(), (Object[]) m);
        }
    }

    private static void seriesKeys(QueryKeys k, Query q) {
        k.uidList("se.series_instance_uid", q.get(Tags.SeriesInstanceUID));
        k.match("se.modality", q.get(Tags.Modality), false);
        k.match("CAST(se.series_number AS VARCHAR(12))", q.get(Tags.SeriesNumber), false);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }

    private static String page(Query q, QueryKeys k) {
        int limit = q.limit() <= 0 ? MAX_LIMIT : Math.min(q.limit(), MAX_LIMIT);
        k.args().add(limit);
        k.args().add(Math.max(0, q.offset()));
        return " LIMIT ? OFFSET ?";
    }

    private static Attributes studyAttributes(ResultSet rs) throws SQLException {
        Attributes a = new Attributes();
        a.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        str(a, Tags.StudyDate, VR.DA, rs.getString(3));
        str(a, Tags.StudyTime, VR.TM, rs.getString(4));
        str(a, Tags.AccessionNumber, VR.SH, rs.getString(5));
        str(a, Tags.ReferringPhysicianName, VR.PN, rs.getString(8));
        str(a, Tags.StudyDescription, VR.LO, rs.getString(7));
        str(a, Tags.PatientName, VR.PN, rs.getString(10));
        str(a, Tags.PatientID, VR.LO, rs.getString(9));
        str(a, Tags.PatientBirthDate, VR.DA, rs.getString(11));
        str(a, Tags.PatientSex, VR.CS, rs.getString(12));
        str(a, Tags.StudyInstanceUID, VR.UI, rs.getString(2));
        str(a, Tags.StudyID, VR.SH, rs.getString(6));
        a.setInt(Tags.NumberOfStudyRelatedSeries, VR.IS, rs.getInt(13));
        a.setInt(Tags.NumberOfStudyRelatedInstances, VR.IS, rs.getInt(14));
        return a;
    }

    private void addModalities(List<Attributes> studies) {
        if (studies.isEmpty()) return;
        Map<String, Attributes> byUid = new LinkedHashMap<>();
        for (Attributes s : studies) byUid.put(s.getString(Tags.StudyInstanceUID), s);
        List<Object> args = new ArrayList<>(byUid.keySet());
        String in = String.join(",", java.util.Collections.nCopies(args.size(), "?"));
        Map<String, Set<String>> mods = new LinkedHashMap<>();
        jdbc.query(
                "SELECT DISTINCT st.study_instance_uid, se.modality FROM series se JOIN study st ON se.study_fk = st.id "
                        + "WHERE st.study_instance_uid IN (" + in + ")",
                rs -> {
                    if (rs.getString(2) != null)
                        mods.computeIfAbsent(rs.getString(1), x -> new TreeSet<>())
                                .add(rs.getString(2));
                },
                args.toArray());
        mods.forEach((uid, m) -> byUid.get(uid).setString(Tags.ModalitiesInStudy, VR.CS, m.toArray(String[]::new)));
    }

    private static void str(Attributes a, int tag, VR vr, String v) {
        if (v != null && !v.isEmpty()) a.setString(tag, vr, v);
        else a.setString(tag, vr, (String) null);
    }

    private static void num(Attributes a, int tag, VR vr, ResultSet rs, int col) throws SQLException {
        if (rs.getObject(col) != null) a.setInt(tag, vr, rs.getInt(col));
    }
}
