package org.fluorovault.procedure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ICD-10-CM diagnosis codes: the format check every record's diagnoses pass, and the list of
 * codes covered for a lumbar/sacral epidural steroid injection ({@code
 * procedure/icd10-covered-lumbar-esi.tsv}, with its source and {@link #version()} in its header),
 * which the evidence rule R9 reads.
 */
public final class CoveredDiagnoses {
    /**
     * ICD-10-CM code shape: a letter, two characters (digit, then digit or letter), optionally a dot
     * and 1-4 more characters. Codes are written with the dot (M54.16), as in the tabular list.
     */
    private static final Pattern FORMAT = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");

    private static final String FILE = "/procedure/icd10-covered-lumbar-esi.tsv";
    private static final CoveredDiagnoses LUMBAR_ESI = load();

    private final String version;
    private final String source;
    private final Map<String, String> codes;

    private CoveredDiagnoses(String version, String source, Map<String, String> codes) {
        this.version = version;
        this.source = source;
        this.codes = codes;
    }

    /** The covered codes for lumbar/sacral epidural steroid injections. */
    public static CoveredDiagnoses lumbarEsi() {
        return LUMBAR_ESI;
    }

    /** True if {@code code} has the shape of an ICD-10-CM code (letter, 2 characters, optional dot and 1-4 more). */
    public static boolean isWellFormed(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }

    public boolean isCovered(String code) {
        return code != null && codes.containsKey(code.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The data file's version line, stored with each verdict that uses it. */
    public String version() {
        return version;
    }

    public String source() {
        return source;
    }

    public Map<String, String> codes() {
        return codes;
    }

    private static CoveredDiagnoses load() {
        Map<String, String> m = new LinkedHashMap<>();
        String version = null;
        StringBuilder source = new StringBuilder();
        try (var in = CoveredDiagnoses.class.getResourceAsStream(FILE);
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean inSource = false;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                if (line.startsWith("#")) {
                    String c = line.substring(1).trim();
                    if (c.startsWith("version:")) version = c.substring(8).trim();
                    inSource = c.startsWith("source:") || (inSource && line.startsWith("#  "));
                    if (inSource)
                        source.append(source.length() == 0 ? "" : " ")
                                .append(c.replaceFirst("^source:", "").trim());
                    continue;
                }
                String[] f = line.split("\t", 2);
                if (!isWellFormed(f[0])) throw new IllegalStateException(FILE + ": not an ICD-10-CM code: " + f[0]);
                m.put(f[0], f.length > 1 ? f[1] : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (version == null) throw new IllegalStateException(FILE + " has no version line");
        return new CoveredDiagnoses(version, source.toString(), Collections.unmodifiableMap(m));
    }
}
