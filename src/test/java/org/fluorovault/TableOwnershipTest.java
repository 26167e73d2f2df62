package org.fluorovault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: SQL that names a table appears only in the feature that owns it. Others ask the owner's API
 * (for example the archive's {@code StudyFacts}), so the index schema can change without breaking features silently.
 * The one exception is by design: {@code query} is the archive's read side (C-FIND, QIDO-RS, WADO-RS) and reads the
 * archive's tables.
 */
class TableOwnershipTest {
    /** Every table of the Flyway migrations and the top-level package that owns it. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("patient", "archive"),
            Map.entry("study", "archive"),
            Map.entry("series", "archive"),
            Map.entry("instance", "archive"),
            Map.entry("quarantine", "archive"),
            Map.entry("analysis_result", "analysis"),
            Map.entry("annotation", "review"),
            Map.entry("review_document", "review"),
            Map.entry("app_user", "security"),
            Map.entry("audit_event", "audit"),
            Map.entry("audit_chain_lock", "audit"),
            Map.entry("mpps", "ingest"),
            Map.entry("mpps_instance", "ingest"),
            Map.entry("commitment_request", "ingest"),
            Map.entry("commitment_reference", "ingest"),
            Map.entry("dose_value", "dose"),
            Map.entry("evidence_verdict", "evidence"),
            Map.entry("hl7_held_change", "hl7"),
            Map.entry("study_link", "linking"),
            Map.entry("study_link_event", "linking"),
            Map.entry("link_queue", "linking"),
            Map.entry("procedure_record", "procedure"),
            Map.entry("procedure_version", "procedure"));

    /** Readers outside the owner, by design: package -> the owner whose tables it may read. */
    static final Map<String, String> READ_SIDE = Map.of("query", "archive");

    private static final Pattern STRING =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    /** A literal is SQL (not a message that says "merged from patient") when it holds one of these. */
    private static final Pattern SQL = Pattern.compile(
            "(?i)\\bselect\\b[\\s\\S]*\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b|\\bjoin\\s+\\w+\\s+\\w+\\s+on\\b|\\bwhere\\b|^\\s*from\\s");

    private static final Pattern TABLE_REF = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table(?:\\s+if\\s+(?:not\\s+)?exists)?)\\s+([a-z_][a-z0-9_]*)\\b");

    @Test
    void everyMigratedTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)")
                        .matcher(Files.readString(f));
                while (m.find()) created.add(m.group(1).toLowerCase());
            }
        }
        assertEquals(created, new TreeSet<>(OWNER.keySet()), "a new table needs an owner in TableOwnershipTest.OWNER");
    }

    @Test
    void sqlNamesOnlyTheTablesOfItsOwnFeature() throws IOException {
        List<String> offenders = offenders(Path.of("src/main/java/org/fluorovault"));
        assertEquals(List.of(), offenders, "SQL on another feature's tables: ask the owner's API instead");
    }

    /** The check itself: a repository of {@code dose} that joins the archive's {@code study} table must be caught. */
    @Test
    void aForeignQueryIsCaught(@org.junit.jupiter.api.io.TempDir Path root) throws IOException {
        Path dose = Files.createDirectories(root.resolve("dose"));
        Files.writeString(dose.resolve("Wrong.java"), """
                package org.fluorovault.dose;
                // a comment that says: select from study (prose is not SQL)
                class Wrong {
                    String sql = "SELECT d.value FROM dose_value d JOIN study s ON s.id = d.study_fk";
                }
                """);
        Files.writeString(dose.resolve("Right.java"), """
                package org.fluorovault.dose;
                class Right {
                    String sql = \"""
                            SELECT value FROM dose_value WHERE study_uid = ?\""";
                }
                """);
        List<String> found = offenders(root);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("Wrong.java") && found.get(0).contains("study (archive)"), found.get(0));
    }

    static List<String> offenders(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String feature = root.relativize(f).getName(0).toString();
                if (feature.equals("dicom") || feature.equals("tools") || f.getNameCount() - root.getNameCount() < 2)
                    continue;
                String code = COMMENT.matcher(read(f)).replaceAll(" ");
                Matcher s = STRING.matcher(code);
                while (s.find()) {
                    String literal = s.group(1) != null ? s.group(1) : s.group(2);
                    if (!SQL.matcher(literal).find()) continue;
                    Matcher t = TABLE_REF.matcher(literal);
                    while (t.find()) {
                        String table = t.group(1).toLowerCase();
                        String owner = OWNER.get(table);
                        if (owner == null || owner.equals(feature) || owner.equals(READ_SIDE.get(feature))) continue;
                        out.add(root.relativize(f) + ": " + table + " (" + owner + ")");
                    }
                }
            }
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
