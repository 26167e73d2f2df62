package org.fluorovault.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A versioned rule set, read from a JSON data file: which CPT codes it judges, the shared vocabularies, and per
 * rule its id, title, severity (REQUIRED rules fail, ADVISORY ones only warn), the source it cites and its
 * parameters. The checks themselves are code; everything a policy update changes is data.
 */
public record RuleSet(
        String version,
        String title,
        List<String> appliesTo,
        List<String> guidanceModalities,
        List<String> lumbarSacralLevels,
        List<String> sessionCodes,
        List<RuleDefinition> rules) {

    public static final String DEFAULT_RESOURCE = "/evidence/ruleset-62323.json";

    public RuleSet {
        if (version == null || version.isBlank()) throw new IllegalArgumentException("rule set without a version");
        appliesTo = List.copyOf(appliesTo);
        guidanceModalities = List.copyOf(guidanceModalities);
        lumbarSacralLevels = List.copyOf(lumbarSacralLevels);
        sessionCodes = List.copyOf(sessionCodes);
        rules = List.copyOf(rules);
        for (RuleDefinition r : rules) {
            if (!"REQUIRED".equals(r.severity()) && !"ADVISORY".equals(r.severity()))
                throw new IllegalArgumentException("rule " + r.id() + ": severity must be REQUIRED or ADVISORY");
        }
    }

    /** One rule's data. */
    public record RuleDefinition(String id, String title, String severity, String source, Map<String, Object> params) {
        public RuleDefinition {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        public int intParam(String name) {
            Object v = params.get(name);
            if (!(v instanceof Number n))
                throw new IllegalStateException("rule " + id + ": parameter " + name + " missing");
            return n.intValue();
        }

        boolean advisory() {
            return "ADVISORY".equals(severity);
        }
    }

    public static RuleSet load(InputStream json) {
        return JsonMapper.builder().build().readValue(json, RuleSet.class);
    }

    public static RuleSet loadDefault() {
        try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the class path");
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean judges(String cpt) {
        return cpt != null && appliesTo.contains(cpt);
    }
}
