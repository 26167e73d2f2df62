package org.fluorovault.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.util.Terser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Sex;

/** Reads values out of a parsed message by Terser path and turns HL7 data types into ours. */
final class Hl7Fields {
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})?(?:(\\d{2})(?:\\.\\d{1,4})?)?)?(?:[+-]\\d{4})?");

    private final Terser terser;

    Hl7Fields(Terser terser) {
        this.terser = terser;
    }

    /** The value at {@code path} (e.g. "/.PID-3-1"), trimmed; null when empty or absent. */
    String get(String path) {
        try {
            String v = terser.get(path);
            return v == null || v.isBlank() ? null : v.trim();
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    /** Like {@link #get} but a missing value is an AE naming the field. */
    String require(String path, String field) {
        String v = get(path);
        if (v == null) throw Hl7Failure.error(Hl7Failure.REQUIRED_FIELD_MISSING, field + " is empty");
        return v;
    }

    /** PID-3 (first identifier), PID-5 (as a DICOM person name), PID-7, PID-8. */
    Patient patient(String pid) {
        String id = require(pid + "-3-1", "PID-3 (patient ID)");
        return new Patient(
                id, personName(pid + "-5"), date(get(pid + "-7"), "PID-7 (birth date)"), sex(get(pid + "-8")));
    }

    /** XPN/XCN name components family^given^middle^suffix^prefix as DICOM PN family^given^middle^prefix^suffix. */
    String personName(String path) {
        return personName(path, 1);
    }

    /** The name starting at component {@code first} (1 for XPN, 2 for XCN). */
    String personName(String path, int first) {
        String family = get(path + "-" + first + "-1");
        String given = get(path + "-" + (first + 1));
        String middle = get(path + "-" + (first + 2));
        String suffix = get(path + "-" + (first + 3));
        String prefix = get(path + "-" + (first + 4));
        String pn = String.join("^", nz(family), nz(given), nz(middle), nz(prefix), nz(suffix))
                .replaceAll("\\^+$", "");
        return pn.isEmpty() ? null : pn;
    }

    static Sex sex(String v) {
        if (v == null) return null;
        return switch (v) {
            case "M" -> Sex.M;
            case "F" -> Sex.F;
            case "O", "A", "N" -> Sex.O;
            case "U" -> null;
            default ->
                throw Hl7Failure.error(
                        Hl7Failure.TABLE_VALUE_NOT_FOUND,
                        "PID-8 (sex) '" + v + "' is not one of M, F, O, A, N, U (HL7 table 0001)");
        };
    }

    /** The date of an HL7 DT/DTM value (YYYYMMDD...); an impossible date is an AE naming the field. */
    static LocalDate date(String v, String field) {
        LocalDateTime t = dateTime(v, field);
        return t == null ? null : t.toLocalDate();
    }

    /** An HL7 DTM (YYYYMMDD[HH[MM[SS[.S]]]][+/-ZZZZ]) as local date-time; the offset is dropped. */
    static LocalDateTime dateTime(String v, String field) {
        if (v == null) return null;
        Matcher m = DTM.matcher(v);
        if (!m.matches()) {
            throw Hl7Failure.error(
                    Hl7Failure.DATA_TYPE, field + " '" + v + "' is not an HL7 date/time (YYYYMMDD[HHMM[SS]])");
        }
        try {
            return LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    num(m.group(4)),
                    num(m.group(5)),
                    num(m.group(6)));
        } catch (DateTimeException e) {
            throw Hl7Failure.error(
                    Hl7Failure.DATA_TYPE, field + " '" + v + "' is not a possible date/time: " + e.getMessage());
        }
    }

    private static int num(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
