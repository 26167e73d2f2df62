package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** C-FIND matching over an in-memory index, the answers' keys and character set, and malformed identifiers. */
class QrMatchingTest {
    private static JdbcTemplate jdbc;
    private static QrIndex index;

    @BeforeAll
    static void index() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:qrmatch;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(ds);
        index = new QrIndex(jdbc);
        patient(1, "P1", "Müller^Anna");
        patient(2, "P2", "Moller^Bo");
        study(1, 1, "1.1", "20261001", "081500");
        study(2, 1, "1.2", "20261126", "143000");
        study(3, 2, "1.3", "20250101", "235959");
        series(1, 1, "1.1.1", "XA", 1);
        series(2, 1, "1.1.2", "SR", 2);
        series(3, 3, "1.3.1", "XA", 1);
        instance(1, 1, "1.1.1.1", 1);
        instance(2, 1, "1.1.1.2", 2);
        instance(3, 2, "1.1.2.1", 1);
        instance(4, 3, "1.3.1.1", 1);
    }

    private static void patient(long id, String pid, String name) {
        jdbc.update("INSERT INTO patient (id, patient_id, patient_name, sex) VALUES (?, ?, ?, 'F')", id, pid, name);
    }

    private static void study(long id, long patient, String uid, String date, String time) {
        jdbc.update(
                "INSERT INTO study (id, study_instance_uid, patient_fk, study_date, study_time, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                id,
                uid,
                patient,
                date,
                time);
    }

    private static void series(long id, long study, String uid, String modality, int number) {
        jdbc.update(
                "INSERT INTO series (id, series_instance_uid, study_fk, modality, series_number, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                id,
                uid,
                study,
                modality,
                number);
    }

    private static void instance(long id, long series, String uid, int number) {
        jdbc.update(
                "INSERT INTO instance (id, sop_instance_uid, series_fk, sop_class_uid, transfer_syntax_uid, "
                        + "instance_number, rows_, received_at, path, size_bytes, sha256) VALUES (?, ?, ?, '1.2.840.10008.5.1.4.1.1.12.1', "
                        + "'1.2.840.10008.1.2.1', ?, 512, CURRENT_TIMESTAMP, 'x', 1, ?)",
                id,
                uid,
                series,
                number,
                "0".repeat(64));
    }

    private static Attributes id(String level, Object... keys) {
        Attributes a = new Attributes();
        a.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        a.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        for (int i = 0; i < keys.length; i += 2) {
            int tag = (Integer) keys[i];
            VR vr = QrKey.ALL.containsKey(tag) ? QrKey.ALL.get(tag).vr() : VR.LO;
            if (vr.isString()) a.setString(tag, vr, (String) keys[i + 1]);
            else a.put(tag, vr, null);
        }
        return a;
    }

    private static Set<String> find(QrLevel level, Attributes id, int tag) {
        Set<String> s = new TreeSet<>();
        for (Map<Integer, String> row : index.find(level, id, 100)) s.add(row.get(tag));
        return s;
    }

    @Test
    void singleValueWildcardsAndUniversalMatching() {
        assertEquals(Set.of("P1"), find(QrLevel.PATIENT, id("PATIENT", Tags.PatientID, "P1"), Tags.PatientID));
        assertEquals(Set.of("P1", "P2"), find(QrLevel.PATIENT, id("PATIENT", Tags.PatientID, ""), Tags.PatientID));
        assertEquals(Set.of("P1", "P2"), find(QrLevel.PATIENT, id("PATIENT", Tags.PatientID, "*"), Tags.PatientID));
        assertEquals(Set.of("P1", "P2"), find(QrLevel.PATIENT, id("PATIENT", Tags.PatientID, "P?"), Tags.PatientID));
        assertEquals(
                Set.of("P1"),
                find(QrLevel.PATIENT, id("PATIENT", Tags.PatientName, "mü*", Tags.PatientID, ""), Tags.PatientID),
                "person names match case-insensitively, non-ASCII too");
        assertEquals(
                Set.of(),
                find(QrLevel.PATIENT, id("PATIENT", Tags.PatientID, "P%"), Tags.PatientID),
                "SQL wildcards are literal");
    }

    @Test
    void dateAndTimeRangesAndUidLists() {
        assertEquals(
                Set.of("1.1", "1.2"),
                find(
                        QrLevel.STUDY,
                        id("STUDY", Tags.StudyDate, "20260101-", Tags.StudyInstanceUID, ""),
                        Tags.StudyInstanceUID));
        assertEquals(
                Set.of("1.1", "1.3"),
                find(
                        QrLevel.STUDY,
                        id("STUDY", Tags.StudyDate, "-20261031", Tags.StudyInstanceUID, ""),
                        Tags.StudyInstanceUID));
        assertEquals(
                Set.of("1.2"),
                find(
                        QrLevel.STUDY,
                        id("STUDY", Tags.StudyTime, "1200-1500", Tags.StudyInstanceUID, ""),
                        Tags.StudyInstanceUID));
        assertEquals(
                Set.of("1.1", "1.3"),
                find(QrLevel.STUDY, id("STUDY", Tags.StudyInstanceUID, "1.1\\1.3\\9.9"), Tags.StudyInstanceUID));
    }

    @Test
    void derivedAttributesAndModalitiesInStudy() {
        Attributes q = id(
                "STUDY",
                Tags.PatientID,
                "P1",
                Tags.StudyInstanceUID,
                "1.1",
                Tags.ModalitiesInStudy,
                "",
                Tags.NumberOfStudyRelatedSeries,
                "",
                Tags.NumberOfStudyRelatedInstances,
                "");
        Map<Integer, String> row = index.find(QrLevel.STUDY, q, 10).get(0);
        assertEquals("SR\\XA", row.get(Tags.ModalitiesInStudy));
        assertEquals("2", row.get(Tags.NumberOfStudyRelatedSeries));
        assertEquals("3", row.get(Tags.NumberOfStudyRelatedInstances));
        assertEquals(
                Set.of("1.1", "1.3"),
                find(
                        QrLevel.STUDY,
                        id("STUDY", Tags.ModalitiesInStudy, "XA", Tags.StudyInstanceUID, ""),
                        Tags.StudyInstanceUID));
        assertEquals(
                Set.of("2"),
                find(
                        QrLevel.SERIES,
                        id(
                                "SERIES",
                                Tags.StudyInstanceUID,
                                "1.1",
                                Tags.SeriesNumber,
                                "1",
                                Tags.NumberOfSeriesRelatedInstances,
                                ""),
                        Tags.NumberOfSeriesRelatedInstances));
    }

    @Test
    void sequenceKeysAndUnknownKeysAreAnsweredEmptyAndDoNotRestrict() {
        Attributes q = id("IMAGE", Tags.SOPInstanceUID, "1.1.1.2", Tags.Rows, "");
        q.addItem(Tags.ReferencedImageSequence).setString(Tags.ReferencedSOPInstanceUID, VR.UI, "9.9.9");
        q.setString(Tags.ContentDate, VR.DA, "20260101");
        List<Map<Integer, String>> rows = index.find(QrLevel.IMAGE, q, 10);
        assertEquals(1, rows.size());
        Attributes a = FindScp.answer(q, QrLevel.IMAGE, rows.get(0), "ARCHIVE");
        assertEquals(512, a.getInt(Tags.Rows, -1));
        assertTrue(a.contains(Tags.ReferencedImageSequence));
        assertEquals(0, a.getSequence(Tags.ReferencedImageSequence).size());
        assertTrue(a.contains(Tags.ContentDate));
        assertNull(a.getString(Tags.ContentDate));
        assertEquals("IMAGE", a.getString(Tags.QueryRetrieveLevel));
        assertEquals("ARCHIVE", a.getString(Tags.RetrieveAETitle));
        assertFalse(a.contains(Tags.SOPClassUID), "not requested");
        assertEquals(7, a.size(), "ISO_IR 192, level, AE, SOPInstanceUID, Rows, sequence, ContentDate: " + a);
    }

    @Test
    void answersKeepTheRequestCharacterSetWhenItFitsElseUtf8() {
        Map<Integer, String> row = new HashMap<>();
        row.put(Tags.PatientName, "Müller^Anna");
        Attributes latin1 = new Attributes();
        latin1.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        latin1.setString(Tags.PatientName, VR.PN, "");
        Attributes a = FindScp.answer(latin1, QrLevel.PATIENT, row, "AE");
        assertEquals("ISO_IR 100", a.getString(Tags.SpecificCharacterSet));
        assertEquals("Müller^Anna", a.getString(Tags.PatientName));

        Attributes none = new Attributes();
        none.setString(Tags.PatientName, VR.PN, "");
        a = FindScp.answer(none, QrLevel.PATIENT, row, "AE");
        assertEquals("ISO_IR 192", a.getString(Tags.SpecificCharacterSet));
        assertEquals("Müller^Anna", a.getString(Tags.PatientName));

        row.put(Tags.PatientName, "Иванов^Иван");
        a = FindScp.answer(latin1, QrLevel.PATIENT, row, "AE");
        assertEquals("ISO_IR 192", a.getString(Tags.SpecificCharacterSet));
        assertEquals("Иванов^Иван", a.getString(Tags.PatientName));

        row.put(Tags.PatientName, "Plain^Ascii");
        assertFalse(FindScp.answer(none, QrLevel.PATIENT, row, "AE").contains(Tags.SpecificCharacterSet));
    }

    @Test
    void malformedIdentifiersAreA900WithTheOffendingElement() {
        for (Attributes bad : new Attributes[] {null, new Attributes(), id("WARD"), id(" ")}) {
            DimseException e = assertThrows(DimseException.class, () -> QrModel.PATIENT_ROOT.level(bad));
            assertEquals(0xA900, e.status().code());
        }
        DimseException e = assertThrows(DimseException.class, () -> QrModel.STUDY_ROOT.level(id("PATIENT")));
        assertEquals(Tags.QueryRetrieveLevel, e.offendingElements()[0]);
        assertEquals(QrLevel.PATIENT, QrModel.PATIENT_ROOT.level(id("PATIENT")));
        assertEquals(QrLevel.IMAGE, QrModel.STUDY_ROOT.level(id("IMAGE")));
    }

    @Test
    void sequenceItemsMatchByEveryMatchingKeyAndReturnOnlyTheRequestedOnes() {
        Attributes stored = new Attributes();
        Attributes lumbar = stored.addItem(Tags.ProcedureCodeSequence);
        lumbar.setString(Tags.CodeValue, VR.SH, "62323");
        lumbar.setString(Tags.CodingSchemeDesignator, VR.SH, "C4");
        Attributes other = stored.addItem(Tags.ProcedureCodeSequence);
        other.setString(Tags.CodeValue, VR.SH, "64483");
        other.setString(Tags.CodingSchemeDesignator, VR.SH, "C4");

        Attributes q = new Attributes();
        Attributes item = q.addItem(Tags.ProcedureCodeSequence);
        item.setString(Tags.CodeValue, VR.SH, "6232*");
        item.setString(Tags.CodingSchemeDesignator, VR.SH, "");
        List<Attributes> m = SequenceMatching.matchingItems(
                q.getSequence(Tags.ProcedureCodeSequence), stored.getSequence(Tags.ProcedureCodeSequence));
        assertEquals(List.of(lumbar), m, "only the matching item");
        Attributes answer = new Attributes();
        SequenceMatching.copy(answer, Tags.ProcedureCodeSequence, q.getSequence(Tags.ProcedureCodeSequence), m);
        Attributes got = answer.getNestedItem(Tags.ProcedureCodeSequence);
        assertEquals("62323", got.getString(Tags.CodeValue));
        assertEquals("C4", got.getString(Tags.CodingSchemeDesignator));
        assertEquals(2, got.size());

        item.setString(Tags.CodingSchemeDesignator, VR.SH, "SRT");
        assertNull(
                SequenceMatching.matchingItems(
                        q.getSequence(Tags.ProcedureCodeSequence), stored.getSequence(Tags.ProcedureCodeSequence)),
                "every matching key must match one item");
        item.setString(Tags.CodeValue, VR.SH, "");
        item.setString(Tags.CodingSchemeDesignator, VR.SH, "");
        assertEquals(
                2,
                SequenceMatching.matchingItems(
                                q.getSequence(Tags.ProcedureCodeSequence),
                                stored.getSequence(Tags.ProcedureCodeSequence))
                        .size(),
                "no matching keys: universal");
        assertEquals(
                List.of(),
                SequenceMatching.matchingItems(q.getSequence(Tags.ProcedureCodeSequence), null),
                "universal matching of a sequence not stored");

        assertTrue(SequenceMatching.valueMatches(VR.DA, "20260101-20261231", new String[] {"20261126"}));
        assertFalse(SequenceMatching.valueMatches(VR.DA, "-20251231", new String[] {"20261126"}));
        assertTrue(SequenceMatching.valueMatches(VR.UI, "1.2\\1.3", new String[] {"1.3"}));
        assertFalse(SequenceMatching.valueMatches(VR.UI, "1.2\\1.3", new String[] {"1.30"}));
        assertTrue(SequenceMatching.valueMatches(VR.PN, "müller*", new String[] {"MÜLLER^ANNA"}));
        assertFalse(SequenceMatching.valueMatches(VR.LO, "a.c", new String[] {"abc"}), "no regular expressions");
    }
}
