package org.fluorovault.procedure.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fluorovault.procedure.InvalidProcedureException;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Contraindication;
import org.fluorovault.procedure.Procedure.ContraindicationKind;
import org.fluorovault.procedure.Procedure.Medications;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Physician;
import org.fluorovault.procedure.Procedure.Score;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.springframework.stereotype.Component;

/**
 * Import of historical procedures from CSV (RFC 4180, a header row naming the columns, in any
 * order; see README "CSV import"). Each valid row becomes one record (PERFORMED, or SIGNED when
 * the status column says so), in its own transaction; a bad row is reported with its line and
 * reason and the import goes on.
 */
@Component
public class CsvImport {
    /** The columns, required ones first. */
    public static final List<String> REQUIRED = List.of("patient_id", "performed_at", "cpt_code");

    public static final List<String> OPTIONAL = List.of(
            "patient_name",
            "birth_date",
            "sex",
            "accession_number",
            "requested_procedure_id",
            "levels",
            "approach",
            "laterality",
            "physician_name",
            "physician_npi",
            "facility",
            "diagnoses",
            "contraindication",
            "contraindication_text",
            "steroid",
            "steroid_dose_mg",
            "local_anesthetic",
            "scores",
            "status");
    static final int MAX_ROWS = 100_000;

    public record Rejected(long line, String reason) {}

    public record Report(int imported, List<Long> ids, List<Rejected> rejected) {}

    private final ProcedureService service;

    public CsvImport(ProcedureService service) {
        this.service = service;
    }

    public Report importCsv(String csv, String user) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(false)
                .get();
        List<Long> ids = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv == null ? "" : csv), format)) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .toList();
            List<String> missing =
                    REQUIRED.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) throw new InvalidProcedureException("CSV header lacks the column(s) " + missing);
            List<String> unknown = header.stream()
                    .filter(h -> !REQUIRED.contains(h) && !OPTIONAL.contains(h))
                    .toList();
            if (!unknown.isEmpty()) throw new InvalidProcedureException("CSV header has unknown column(s) " + unknown);
            var it = parser.iterator();
            while (true) {
                CSVRecord r;
                // the line a record starts on (empty lines are kept as records so that this stays exact)
                long line = parser.getCurrentLineNumber() + 1;
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException e) { // broken quoting: the rest cannot be read reliably
                    rejected.add(new Rejected(
                            line, "unreadable CSV from here on: " + e.getCause().getMessage()));
                    break;
                }
                if (r.stream().allMatch(String::isBlank)) continue;
                if (ids.size() + rejected.size() >= MAX_ROWS) {
                    rejected.add(new Rejected(line, "more than " + MAX_ROWS + " rows; import the rest separately"));
                    break;
                }
                try {
                    Row row = new Row(r, parser.getHeaderMap());
                    Status status = row.enumOr("status", Status::valueOf, Status.PERFORMED);
                    if (status != Status.PERFORMED && status != Status.SIGNED) {
                        throw new InvalidProcedureException("status must be PERFORMED or SIGNED, not " + status);
                    }
                    Procedure p = service.create(toData(row), status, user);
                    ids.add(p.id());
                } catch (InvalidProcedureException e) {
                    rejected.add(new Rejected(line, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new InvalidProcedureException("unreadable CSV: " + e.getMessage());
        } catch (IllegalArgumentException e) { // duplicate or empty header names
            throw new InvalidProcedureException("CSV header: " + e.getMessage());
        }
        return new Report(ids.size(), ids, rejected);
    }

    private static ProcedureData toData(Row r) {
        Patient patient = new Patient(
                r.get("patient_id"),
                r.get("patient_name"),
                r.date("birth_date"),
                r.enumOr("sex", Procedure.Sex::valueOf, null));
        String physicianName = r.get("physician_name"), npi = r.get("physician_npi");
        Physician physician = physicianName == null && npi == null ? null : new Physician(physicianName, npi);
        ContraindicationKind ck = r.enumOr("contraindication", ContraindicationKind::valueOf, null);
        Contraindication ci = ck == null ? null : new Contraindication(ck, r.get("contraindication_text"));
        String steroid = r.get("steroid"), anesthetic = r.get("local_anesthetic");
        BigDecimal dose = r.decimal("steroid_dose_mg");
        Medications meds = steroid == null && anesthetic == null && dose == null
                ? null
                : new Medications(steroid, dose, anesthetic);
        return new ProcedureData(
                patient,
                r.get("accession_number"),
                r.get("requested_procedure_id"),
                null,
                null,
                r.dateTime("performed_at"),
                r.get("cpt_code"),
                null,
                r.list("levels"),
                r.enumOr("approach", Procedure.Approach::valueOf, null),
                r.enumOr("laterality", Procedure.Laterality::valueOf, null),
                physician,
                r.get("facility"),
                r.list("diagnoses"),
                ci,
                meds,
                scores(r.list("scores")),
                null,
                null);
    }

    /** Scores as {@code SCALE:value:YYYY-MM-DD:KIND}, separated by semicolons. */
    private static List<Score> scores(List<String> items) {
        List<Score> out = new ArrayList<>();
        for (String s : items) {
            String[] f = s.split(":");
            if (f.length != 4)
                throw new InvalidProcedureException("score '" + s + "' is not SCALE:value:YYYY-MM-DD:KIND");
            try {
                out.add(new Score(
                        Procedure.Scale.valueOf(f[0].trim()),
                        new BigDecimal(f[1].trim()),
                        LocalDate.parse(f[2].trim()),
                        Procedure.ScoreKind.valueOf(f[3].trim())));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new InvalidProcedureException("score '" + s + "': " + e.getMessage());
            }
        }
        return out;
    }

    /** One CSV row by column name; blank cells are null. */
    private record Row(CSVRecord r, Map<String, Integer> header) {
        String get(String column) {
            Integer i = header.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(column))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (i == null || i >= r.size()) return null;
            String v = r.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        List<String> list(String column) {
            String v = get(column);
            return v == null
                    ? List.of()
                    : Arrays.stream(v.split(";"))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
        }

        LocalDate date(String column) {
            String v = get(column);
            try {
                return v == null ? null : LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new InvalidProcedureException(column + " '" + v + "' is not a valid date (YYYY-MM-DD)");
            }
        }

        LocalDateTime dateTime(String column) {
            String v = get(column);
            try {
                if (v == null) return null;
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
            } catch (DateTimeParseException e) {
                throw new InvalidProcedureException(
                        column + " '" + v + "' is not a valid date/time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
            }
        }

        BigDecimal decimal(String column) {
            String v = get(column);
            try {
                return v == null ? null : new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw new InvalidProcedureException(column + " '" + v + "' is not a number");
            }
        }

        <E> E enumOr(String column, Function<String, E> parse, E otherwise) {
            String v = get(column);
            if (v == null) return otherwise;
            try {
                return parse.apply(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidProcedureException(column + " '" + v + "' is not one of the allowed values");
            }
        }
    }
}
