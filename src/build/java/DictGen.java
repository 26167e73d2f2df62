import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Build-time generator of the DICOM data dictionary and UID dictionary.
 *
 * <p>Run by Maven (exec-maven-plugin, generate-sources) as a single-file program:
 * {@code java src/build/java/DictGen.java src/main/dict target/generated-sources/dict}. It reads
 * {@code elements.tsv} and {@code uids.tsv} (facts of PS3.6, see their headers) and writes four
 * classes of package {@value #PKG}: {@code Tags}, {@code ElementDictionary}, {@code Uids} and
 * {@code UidDictionary}. A file is rewritten only when its content changes, so an unchanged
 * dictionary does not force a recompilation.
 *
 * <p>The static initialisers are split into methods of at most {@value #CHUNK} entries each, well
 * below the 64 KB limit of a method's bytecode.
 */
public class DictGen {

    static final String PKG = "org.fluorovault.dicom.dict";
    static final int CHUNK = 500;

    static final Pattern TAG = Pattern.compile("\\(([0-9A-Fx]{4}),([0-9A-Fx]{4})\\)");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final Pattern VR_CODE = Pattern.compile("[A-Z]{2}");
    /** Keywords of SOP classes that PS3.4 treats as storage (B.5 and the other storage annexes). */
    static final Pattern STORAGE_KEYWORD = Pattern.compile(".*Storage(ForPresentation|ForProcessing)?(Trial|Retired)?");
    /** DICOMDIR's SOP class ends in "Storage" but is a media (PS3.10) object, never C-STOREd. */
    static final Set<String> NOT_STORAGE = Set.of("MediaStorageDirectoryStorage");

    /**
     * One row of elements.tsv. {@code value} is the tag with x digits as 0 and {@code mask} has
     * 0 nibbles where the pattern has x; {@code example} is the tag that tagOf returns.
     */
    record Element(
            String pattern,
            int value,
            int mask,
            List<String> vrs,
            String vm,
            String keyword,
            boolean retired,
            int example) {
        boolean wildcard() {
            return mask != 0xFFFFFFFF;
        }
    }

    record Uid(String uid, String keyword, String name, String type, boolean retired, boolean storage) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java DictGen.java <dict dir> <output source root>");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]).resolve(PKG.replace('.', '/'));
        Files.createDirectories(out);

        List<Element> elements = readElements(in.resolve("elements.tsv"));
        List<Uid> uids = readUids(in.resolve("uids.tsv"));

        int changed = 0;
        changed += write(out.resolve("Tags.java"), tags(elements));
        changed += write(out.resolve("ElementDictionary.java"), elementDictionary(elements));
        changed += write(out.resolve("Uids.java"), uidConstants(uids));
        changed += write(out.resolve("UidDictionary.java"), uidDictionary(uids));
        System.out.printf(
                "DictGen: %d elements (%d wildcard), %d UIDs; %d of 4 files rewritten%n",
                elements.size(), elements.stream().filter(Element::wildcard).count(), uids.size(), changed);
    }

    // ---------------------------------------------------------------- reading

    static List<String[]> rows(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != columns) {
                throw new IllegalArgumentException(
                        file + ":" + lineNo + ": expected " + columns + " tab-separated columns, found " + f.length);
            }
            for (int i = 0; i < f.length; i++) f[i] = f[i].trim();
            rows.add(f);
        }
        return rows;
    }

    static List<Element> readElements(Path file) throws IOException {
        record Raw(String pattern, int value, int mask, List<String> vrs, String vm, String keyword, boolean retired) {}
        List<Raw> raws = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        Set<String> patterns = new HashSet<>();
        for (String[] f : rows(file, 5)) {
            var m = TAG.matcher(f[0]);
            if (!m.matches()) throw new IllegalArgumentException("bad tag " + f[0]);
            String hex = m.group(1) + m.group(2);
            int value = 0, mask = 0;
            for (char c : hex.toCharArray()) {
                value <<= 4;
                mask <<= 4;
                if (c != 'x') {
                    value |= Character.digit(c, 16);
                    mask |= 0xF;
                }
            }
            List<String> vrs = f[1].isEmpty() ? List.of() : List.of(f[1].split("/"));
            for (String vr : vrs) {
                if (!VR_CODE.matcher(vr).matches())
                    throw new IllegalArgumentException("bad VR " + f[1] + " of " + f[3]);
            }
            checkIdentifier(f[3]);
            if (!keywords.add(f[3])) throw new IllegalArgumentException("duplicate keyword " + f[3]);
            if (!patterns.add(f[0])) throw new IllegalArgumentException("duplicate tag " + f[0]);
            if (!f[4].isEmpty() && !f[4].equals("R"))
                throw new IllegalArgumentException("retired flag must be R or empty: " + f[3]);
            raws.add(new Raw(f[0], value, mask, vrs, f[2], f[3], f[4].equals("R")));
        }
        Set<Integer> exactTags = new HashSet<>();
        for (Raw r : raws) if (r.mask() == 0xFFFFFFFF) exactTags.add(r.value());

        List<Element> elements = new ArrayList<>();
        for (Raw r : raws) {
            int example = r.mask() == 0xFFFFFFFF ? r.value() : firstInstance(r.value(), r.mask(), exactTags);
            elements.add(
                    new Element(r.pattern(), r.value(), r.mask(), r.vrs(), r.vm(), r.keyword(), r.retired(), example));
        }
        elements.sort(
                Comparator.comparingLong((Element e) -> e.value() & 0xFFFFFFFFL).thenComparing(Element::pattern));
        return elements;
    }

    /**
     * The smallest tag of a repeating family that the runtime resolves to it: an even group, not a
     * group length, not a tag with an entry of its own (e.g. (0028,0400) is TransformLabel, not
     * the first instance of (0028,04x0)).
     */
    static int firstInstance(int value, int mask, Set<Integer> exactTags) {
        List<Integer> free = new ArrayList<>(); // bit positions of the x nibbles, most significant first
        for (int shift = 28; shift >= 0; shift -= 4) if (((mask >>> shift) & 0xF) == 0) free.add(shift);
        for (long n = 0; n < (1L << (4 * free.size())); n++) {
            int tag = value;
            for (int i = 0; i < free.size(); i++) {
                int digit = (int) (n >>> (4 * (free.size() - 1 - i))) & 0xF;
                tag |= digit << free.get(i);
            }
            boolean evenGroup = ((tag >>> 16) & 1) == 0;
            if (evenGroup && (tag & 0xFFFF) != 0 && !exactTags.contains(tag)) return tag;
        }
        throw new IllegalArgumentException("no instance of " + Integer.toHexString(value));
    }

    static List<Uid> readUids(Path file) throws IOException {
        List<Uid> uids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> keywords = new HashSet<>();
        for (String[] f : rows(file, 5)) {
            if (!f[0].matches("[0-9]+(\\.[0-9]+)*") || f[0].length() > 64)
                throw new IllegalArgumentException("bad UID " + f[0]);
            checkIdentifier(f[1]);
            if (!seen.add(f[0])) throw new IllegalArgumentException("duplicate UID " + f[0]);
            if (!keywords.add(f[1])) throw new IllegalArgumentException("duplicate UID keyword " + f[1]);
            if (!f[4].isEmpty() && !f[4].equals("R"))
                throw new IllegalArgumentException("retired flag must be R or empty: " + f[1]);
            boolean storage =
                    f[3].equals("SOP Class") && STORAGE_KEYWORD.matcher(f[1]).matches() && !NOT_STORAGE.contains(f[1]);
            uids.add(new Uid(f[0], f[1], f[2], f[3], f[4].equals("R"), storage));
        }
        return uids;
    }

    static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "record",
            "yield");

    static void checkIdentifier(String keyword) {
        if (!IDENTIFIER.matcher(keyword).matches() || JAVA_KEYWORDS.contains(keyword)) {
            throw new IllegalArgumentException("keyword is not a Java identifier: " + keyword);
        }
    }

    // ---------------------------------------------------------------- writing helpers

    static final String HEADER = "// Generated by src/build/java/DictGen.java from src/main/dict/. Do not edit.\n"
            + "package " + PKG + ";\n\n";

    static int write(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) return 0;
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return 1;
    }

    static String hex(int tag) {
        return String.format("0x%08X", tag);
    }

    static String tagText(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    static String javadoc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;");
    }

    static String vrText(List<String> vrs) {
        return vrs.isEmpty() ? "no VR" : String.join(" or ", vrs);
    }

    /** Name of the shared constant holding a VR list, e.g. OB_OW; NONE for items and delimiters. */
    static String vrConstant(List<String> vrs) {
        return vrs.isEmpty() ? "NONE" : String.join("_", vrs);
    }

    /** Appends calls in private static methods of at most CHUNK lines; returns their names. */
    static List<String> chunks(StringBuilder sb, String prefix, String param, List<String> calls) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < calls.size(); i += CHUNK) {
            String name = prefix + (i / CHUNK);
            names.add(name);
            sb.append("    private static void ")
                    .append(name)
                    .append('(')
                    .append(param)
                    .append(") {\n");
            for (String call : calls.subList(i, Math.min(calls.size(), i + CHUNK))) {
                sb.append("        ").append(call).append('\n');
            }
            sb.append("    }\n\n");
        }
        return names;
    }

    // ---------------------------------------------------------------- Tags

    static String tags(List<Element> elements) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                /**
                 * Tags of the standard data elements of PS3.6 (and the command elements of PS3.7), one
                 * constant per keyword, as {@code (group << 16) | element}. Repeating families such as
                 * (60xx,3000) OverlayData have no constant: see {@link ElementDictionary#tagOf(String)}.
                 */
                public final class Tags {
                    private Tags() {}

                """);
        for (Element e : elements) {
            if (e.wildcard()) continue;
            sb.append("    /** ")
                    .append(tagText(e.value()))
                    .append(' ')
                    .append(vrText(e.vrs()))
                    .append(", VM ")
                    .append(e.vm())
                    .append(e.retired() ? ". Retired." : ".")
                    .append(" */\n");
            sb.append("    public static final int ")
                    .append(e.keyword())
                    .append(" = ")
                    .append(hex(e.value()))
                    .append(";\n");
        }
        return sb.append("}\n").toString();
    }

    // ---------------------------------------------------------------- ElementDictionary

    static String elementDictionary(List<Element> elements) {
        List<Element> exact = elements.stream().filter(e -> !e.wildcard()).toList();
        // most specific family first: more fixed nibbles, then by value
        List<Element> masked = elements.stream()
                .filter(Element::wildcard)
                .sorted(Comparator.comparingInt((Element e) -> -Integer.bitCount(e.mask()))
                        .thenComparingLong(e -> e.value() & 0xFFFFFFFFL))
                .toList();
        Map<String, List<String>> vrLists = new LinkedHashMap<>();
        for (Element e : elements) vrLists.putIfAbsent(vrConstant(e.vrs()), e.vrs());

        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                import java.util.ArrayList;
                import java.util.Arrays;
                import java.util.Collections;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;
                import java.util.Objects;

                import org.fluorovault.dicom.data.VR;

                /**
                 * The standard data dictionary of PS3.6: keyword, VRs, VM and retired status of each data
                 * element, looked up by tag or keyword.
                 *
                 * <p>Repeating families are resolved by masking: (60xx,3000) OverlayData answers for
                 * (6002,3000), (50xx,xxxx) for the retired curves, (7Fxx,0010) for variable pixel data,
                 * (0020,31xx), (0028,04x0), (1000,xxx0) and the like for the retired ACR-NEMA elements. An
                 * x in the group matches even groups only; odd groups are private.
                 */
                public final class ElementDictionary {
                    private ElementDictionary() {}

                    /**
                     * A data element of the dictionary.
                     *
                     * @param tag the tag, {@code (group << 16) | element}
                     * @param keyword the PS3.6 keyword, e.g. {@code PatientName}
                     * @param vrs the allowed VRs, e.g. [OB, OW] for PixelData; empty for items and delimiters
                     * @param vm the value multiplicity, e.g. {@code 1}, {@code 2}, {@code 1-n}, {@code 2-2n}
                     * @param retired whether PS3.6 lists the element as retired
                     */
                    public record Entry(int tag, String keyword, List<VR> vrs, String vm, boolean retired) {
                        public Entry {
                            Objects.requireNonNull(keyword, "keyword");
                            vrs = List.copyOf(vrs);
                            Objects.requireNonNull(vm, "vm");
                        }

                        /**
                         * The VR to use when the encoding does not say: the only VR, OW for OB or OW, US for
                         * US or SS (and US or SS or OW); null for items and delimiters, which have no VR.
                         */
                        public VR vr() {
                            if (vrs.isEmpty()) return null;
                            if (vrs.size() > 1 && vrs.contains(VR.OB) && vrs.contains(VR.OW)) return VR.OW;
                            return vrs.get(0);
                        }
                    }

                """);
        sb.append("    private static final List<VR> NONE = List.of();\n");
        for (var e : vrLists.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            sb.append("    private static final List<VR> ")
                    .append(e.getKey())
                    .append(" = List.of(")
                    .append(String.join(
                            ", ", e.getValue().stream().map(v -> "VR." + v).toList()))
                    .append(");\n");
        }
        sb.append("\n    private static final int EXACT = ")
                .append(exact.size())
                .append(";\n");
        sb.append("    private static final int MASKED = ")
                .append(masked.size())
                .append(";\n\n");
        sb.append("""
                    /** Tags of the entries without wildcard, sorted as unsigned ints, and their entries at the same index. */
                    private static final int[] TAGS = new int[EXACT];
                    private static final Entry[] ENTRIES = new Entry[EXACT];
                    /** Repeating families, most specific first: tag & MASKS[i] == VALUES[i]. */
                    private static final int[] MASKS = new int[MASKED];
                    private static final int[] VALUES = new int[MASKED];
                    private static final Entry[] FAMILIES = new Entry[MASKED];
                    private static final Map<String, Entry> BY_KEYWORD = new HashMap<>((EXACT + MASKED) * 2);
                    private static final List<Entry> ALL;

                    private static final class Loader {
                        int exact, masked;

                        void e(int tag, String keyword, List<VR> vrs, String vm, boolean retired) {
                            Entry entry = new Entry(tag, keyword, vrs, vm, retired);
                            TAGS[exact] = tag;
                            ENTRIES[exact++] = entry;
                            BY_KEYWORD.put(keyword, entry);
                        }

                        /** A repeating family; firstTag is its first instance, the answer of tagOf. */
                        void w(int value, int mask, int firstTag, String keyword, List<VR> vrs, String vm, boolean retired) {
                            Entry entry = new Entry(firstTag, keyword, vrs, vm, retired);
                            MASKS[masked] = mask;
                            VALUES[masked] = value;
                            FAMILIES[masked++] = entry;
                            BY_KEYWORD.put(keyword, entry);
                        }
                    }

                """);
        List<String> calls = new ArrayList<>();
        for (Element e : exact) {
            calls.add("l.e(" + hex(e.value()) + ", " + literal(e.keyword()) + ", " + vrConstant(e.vrs()) + ", "
                    + literal(e.vm()) + ", " + e.retired() + ");");
        }
        for (Element e : masked) {
            calls.add("l.w(" + hex(e.value()) + ", " + hex(e.mask()) + ", " + hex(e.example()) + ", "
                    + literal(e.keyword()) + ", " + vrConstant(e.vrs()) + ", " + literal(e.vm()) + ", "
                    + e.retired() + "); // " + e.pattern());
        }
        List<String> methods = chunks(sb, "load", "Loader l", calls);
        sb.append("    static {\n        Loader l = new Loader();\n");
        for (String m : methods) sb.append("        ").append(m).append("(l);\n");
        sb.append("""
                        if (l.exact != EXACT || l.masked != MASKED) throw new AssertionError("dictionary size");
                        for (int i = 1; i < EXACT; i++) {
                            if (Integer.compareUnsigned(TAGS[i - 1], TAGS[i]) >= 0) throw new AssertionError("tags not sorted at " + i);
                        }
                        List<Entry> all = new ArrayList<>(Arrays.asList(ENTRIES));
                        all.addAll(Arrays.asList(FAMILIES));
                        ALL = Collections.unmodifiableList(all);
                    }

                    /** The entry of a tag without allocating: repeating families answer with their shared entry. */
                    private static Entry find(int tag) {
                        int lo = 0, hi = EXACT - 1;
                        while (lo <= hi) { // binary search in unsigned order: (FFFE,E000) sorts last
                            int mid = (lo + hi) >>> 1;
                            int c = Integer.compareUnsigned(TAGS[mid], tag);
                            if (c == 0) return ENTRIES[mid];
                            if (c < 0) lo = mid + 1;
                            else hi = mid - 1;
                        }
                        if (((tag >>> 16) & 1) != 0 || (tag & 0xFFFF) == 0) return null; // private group, group length
                        for (int k = 0; k < MASKED; k++) {
                            if ((tag & MASKS[k]) == VALUES[k]) return FAMILIES[k];
                        }
                        return null;
                    }

                    /**
                     * The dictionary entry of a tag, resolving repeating families, e.g. (6002,3000) to
                     * OverlayData with tag 0x60023000; null for private, unknown and most group length tags
                     * (only (0000,0000) and (0002,0000) have entries).
                     */
                    public static Entry entry(int tag) {
                        Entry e = find(tag);
                        if (e == null || e.tag() == tag) return e;
                        return new Entry(tag, e.keyword(), e.vrs(), e.vm(), e.retired());
                    }

                    /**
                     * The default VR of a tag (see {@link Entry#vr()}): UL for group lengths (gggg,0000), LO
                     * for private creators (odd group 0009-FFFD, element 0010-00FF), UN for other private
                     * and unknown tags, null for items and delimiters.
                     */
                    public static VR vrOf(int tag) {
                        Entry e = find(tag);
                        if (e != null) return e.vr();
                        int group = tag >>> 16, element = tag & 0xFFFF;
                        if (element == 0) return VR.UL;
                        boolean privateGroup = (group & 1) != 0 && group > 0x0008 && group != 0xFFFF;
                        if (privateGroup && element >= 0x0010 && element <= 0x00FF) return VR.LO;
                        return VR.UN;
                    }

                    /** The keyword of a tag, e.g. PatientName for 0x00100010; null when unknown. */
                    public static String keywordOf(int tag) {
                        Entry e = find(tag);
                        return e == null ? null : e.keyword();
                    }

                    /**
                     * The tag of a keyword, -1 when unknown. For a repeating family it is the first instance,
                     * e.g. 0x60003000 for OverlayData.
                     */
                    public static int tagOf(String keyword) {
                        Entry e = keyword == null ? null : BY_KEYWORD.get(keyword);
                        return e == null ? -1 : e.tag();
                    }

                    /** All entries: single tags in tag order, then the repeating families (at their first instance). */
                    public static List<Entry> entries() {
                        return ALL;
                    }
                }
                """);
        return sb.toString();
    }

    // ---------------------------------------------------------------- Uids

    static String uidConstants(List<Uid> uids) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                /** UIDs of PS3.6 Annex A, one constant per keyword; see {@link UidDictionary} for lookups. */
                public final class Uids {
                    private Uids() {}

                """);
        for (Uid u : uids) {
            sb.append("    /** ")
                    .append(javadoc(u.name()))
                    .append(" (")
                    .append(javadoc(u.type()))
                    .append(u.retired() ? ", retired" : "")
                    .append("). */\n");
            sb.append("    public static final String ")
                    .append(u.keyword())
                    .append(" = ")
                    .append(literal(u.uid()))
                    .append(";\n");
        }
        return sb.append("}\n").toString();
    }

    static String uidDictionary(List<Uid> uids) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("""
                import java.util.ArrayList;
                import java.util.Collections;
                import java.util.HashMap;
                import java.util.HashSet;
                import java.util.List;
                import java.util.Map;
                import java.util.Objects;
                import java.util.Set;

                /** The UID registry of PS3.6 Annex A: name, type and retired status of each standard UID. */
                public final class UidDictionary {
                    private UidDictionary() {}

                    /**
                     * A registered UID.
                     *
                     * @param uid the UID, e.g. {@code 1.2.840.10008.1.2.4.70}
                     * @param keyword the PS3.6 keyword, e.g. {@code JPEGLosslessSV1}
                     * @param name the PS3.6 name
                     * @param type the PS3.6 type, e.g. {@code Transfer Syntax}, {@code SOP Class},
                     *     {@code Meta SOP Class}, {@code Well-known SOP Instance}, {@code Coding Scheme}
                     * @param retired whether PS3.6 lists the UID as retired
                     */
                    public record UidEntry(String uid, String keyword, String name, String type, boolean retired) {
                        public UidEntry {
                            Objects.requireNonNull(uid, "uid");
                            Objects.requireNonNull(keyword, "keyword");
                            Objects.requireNonNull(name, "name");
                            Objects.requireNonNull(type, "type");
                        }
                    }

                    private static final String TRANSFER_SYNTAX = "Transfer Syntax";

                """);
        sb.append("\n    private static final int COUNT = ").append(uids.size()).append(";\n");
        sb.append("""
                    private static final Map<String, UidEntry> BY_UID = new HashMap<>(COUNT * 2);
                    /** Storage SOP classes: keyword ending in Storage (also ...ForPresentation/ForProcessing, retired and trial ones). */
                    private static final Set<String> STORAGE = new HashSet<>();
                    private static final List<UidEntry> ALL = new ArrayList<>(COUNT);
                    private static final List<UidEntry> ALL_VIEW = Collections.unmodifiableList(ALL);

                    private static void u(String uid, String keyword, String name, String type, boolean retired, boolean storage) {
                        UidEntry entry = new UidEntry(uid, keyword, name, type, retired);
                        ALL.add(entry);
                        BY_UID.put(uid, entry);
                        if (storage) STORAGE.add(uid);
                    }

                """);
        List<String> calls = new ArrayList<>();
        for (Uid u : uids) {
            calls.add("u(" + literal(u.uid()) + ", " + literal(u.keyword()) + ", " + literal(u.name()) + ", "
                    + literal(u.type()) + ", " + u.retired() + ", " + u.storage() + ");");
        }
        List<String> methods = chunks(sb, "load", "", calls);
        sb.append("    static {\n");
        for (String m : methods) sb.append("        ").append(m).append("();\n");
        sb.append("""
                        if (ALL.size() != COUNT) throw new AssertionError("duplicate UIDs");
                    }

                    /** The registry entry of a UID, null when unknown (or null). */
                    public static UidEntry lookup(String uid) {
                        return uid == null ? null : BY_UID.get(uid);
                    }

                    /** The PS3.6 name of a UID, or the UID itself when unknown. */
                    public static String nameOf(String uid) {
                        UidEntry e = lookup(uid);
                        return e == null ? uid : e.name();
                    }

                    /** Whether the UID is a registered transfer syntax (retired ones included). */
                    public static boolean isTransferSyntax(String uid) {
                        UidEntry e = lookup(uid);
                        return e != null && TRANSFER_SYNTAX.equals(e.type());
                    }

                    /**
                     * Whether the UID is a storage SOP class (PS3.4 B.5 and the other storage annexes:
                     * images, SR including the radiation dose SRs and key object selection, presentation
                     * states, encapsulated documents, waveforms, ...; retired ones included). DICOMDIR's
                     * Media Storage Directory Storage is not one.
                     */
                    public static boolean isStorageSopClass(String uid) {
                        return uid != null && STORAGE.contains(uid);
                    }

                    /** All registered UIDs in registry order. */
                    public static List<UidEntry> entries() {
                        return ALL_VIEW;
                    }
                }
                """);
        return sb.toString();
    }
}
