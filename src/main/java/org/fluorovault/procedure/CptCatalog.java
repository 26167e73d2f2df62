package org.fluorovault.procedure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fluorovault.procedure.Procedure.Approach;

/**
 * The CPT codes FluoroVault knows (62320-62327, 64483, 64484), read from
 * {@code procedure/cpt-catalog.tsv}, which names its source (CMS billing article A58993).
 */
public final class CptCatalog {
    /** One known code: our own short descriptor, the region, whether imaging guidance is part of it. */
    public record Cpt(
            String code, String descriptor, SpinalRegion region, boolean imagingGuidance, Set<Approach> approaches) {}

    private static final Map<String, Cpt> CODES = load();

    private CptCatalog() {}

    public static Optional<Cpt> find(String code) {
        return Optional.ofNullable(code == null ? null : CODES.get(code.trim()));
    }

    public static Map<String, Cpt> all() {
        return CODES;
    }

    private static Map<String, Cpt> load() {
        Map<String, Cpt> m = new LinkedHashMap<>();
        try (var in = CptCatalog.class.getResourceAsStream("/procedure/cpt-catalog.tsv");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                EnumSet<Approach> approaches = EnumSet.noneOf(Approach.class);
                Arrays.stream(f[3].split(",")).map(Approach::valueOf).forEach(approaches::add);
                m.put(
                        f[0],
                        new Cpt(
                                f[0],
                                f[4],
                                SpinalRegion.valueOf(f[1]),
                                Boolean.parseBoolean(f[2]),
                                Collections.unmodifiableSet(approaches)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }
}
