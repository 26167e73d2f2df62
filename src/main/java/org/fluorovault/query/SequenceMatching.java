package org.fluorovault.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.io.DicomReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequence matching (PS3.4 C.2.2.2.6). The index has no columns for sequences, so they are
 * matched against the stored object: the newest object below the matched entity, read up to its
 * pixel data. The key's single item holds matching keys (non-empty) and return keys (empty); a
 * stored item matches when every matching key matches it, and the entity matches when at least
 * one stored item does (or the item has no matching keys: universal matching). The answer holds
 * the matching items, each with only the requested keys. A key sent with no item at all is
 * universal too and returns the stored items whole. An unreadable stored file counts as one
 * without sequences.
 */
final class SequenceMatching {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceMatching.class);

    private final QrIndex index;
    private final ArchiveStore archive;

    SequenceMatching(QrIndex index, ArchiveStore archive) {
        this.index = index;
        this.archive = archive;
    }

    /** The sequence keys of an identifier. */
    static List<Integer> keys(Attributes identifier) {
        List<Integer> keys = new ArrayList<>();
        for (Attributes.Element e : identifier.elements()) {
            if (e.vr() == VR.SQ && (e.tag() & 0xffff) != 0 && (e.tag() >>> 16 & 1) == 0) keys.add(e.tag());
        }
        return keys;
    }

    /**
     * The stored items that match each sequence key of {@code identifier} for one matched row, or
     * null when the row does not match.
     */
    Map<Integer, List<Attributes>> match(
            QrLevel level, Map<Integer, String> row, Attributes identifier, List<Integer> keys) {
        String path = index.representativePath(level, Long.parseLong(row.get(QrIndex.ROW_ID)));
        Attributes stored = new Attributes();
        if (path != null) {
            try {
                stored = read(archive.resolve(Path.of(path)));
            } catch (IOException e) { // answered as if it held no sequences; the query goes on
                LOG.warn("C-FIND sequence matching: stored file {} unreadable: {}", path, e.getMessage());
            }
        }
        Map<Integer, List<Attributes>> out = new LinkedHashMap<>();
        for (int tag : keys) {
            List<Attributes> items = matchingItems(identifier.getSequence(tag), stored.getSequence(tag));
            if (items == null) return null;
            out.put(tag, items);
        }
        return out;
    }

    private static Attributes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DicomReader r = new DicomReader(in, file)) {
            return r.stopAt(Tag.PixelData).readFile(null);
        }
    }

    /** Matching stored items, or null when the key has matching keys and no item matches. */
    static List<Attributes> matchingItems(Sequence requested, Sequence stored) {
        List<Attributes> all = stored == null ? List.of() : stored.items();
        if (requested == null || requested.isEmpty()) return all;
        Attributes rq = requested.get(0);
        List<Attributes> matches = new ArrayList<>();
        for (Attributes item : all) if (matches(rq, item)) matches.add(item);
        return matches.isEmpty() && hasMatchingKeys(rq) ? null : matches;
    }

    private static boolean hasMatchingKeys(Attributes rq) {
        for (Attributes.Element e : rq.elements()) {
            if (e.vr() == VR.SQ) {
                Sequence s = rq.getSequence(e.tag());
                if (s != null && !s.isEmpty() && hasMatchingKeys(s.get(0))) return true;
            } else if (rq.getValueAsString(e.tag()) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Attributes rq, Attributes item) {
        for (Attributes.Element e : rq.elements()) {
            if (e.vr() == VR.SQ) {
                if (matchingItems(rq.getSequence(e.tag()), item.getSequence(e.tag())) == null) return false;
                continue;
            }
            String pattern = rq.getValueAsString(e.tag());
            if (pattern != null && !valueMatches(e.vr(), pattern, item.getStrings(e.tag()))) return false;
        }
        return true;
    }

    /** Single value, wildcard, UID list and range matching of one key against a stored value. */
    static boolean valueMatches(VR vr, String pattern, String[] values) {
        for (String v : values) {
            if (vr == VR.UI) {
                for (String uid : pattern.split("\\\\")) if (uid.trim().equals(v)) return true;
            } else if ((vr == VR.DA || vr == VR.TM || vr == VR.DT) && pattern.indexOf('-') >= 0) {
                int dash = pattern.indexOf('-');
                String lo = pattern.substring(0, dash).trim(),
                        hi = pattern.substring(dash + 1).trim();
                if ((lo.isEmpty() || v.compareTo(lo) >= 0) && (hi.isEmpty() || v.compareTo(hi + "\uffff") <= 0))
                    return true;
            } else if (wildcard(pattern, vr == VR.PN)
                    .matcher(vr == VR.PN ? v.toUpperCase(Locale.ROOT) : v)
                    .matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toUpperCase(Locale.ROOT) : pattern;
        StringBuilder re = new StringBuilder();
        for (char c : p.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /**
     * Copies the matched items into the answer's sequence {@code tag} with only the keys of the
     * request item (all of them when the request had no item); strings are re-encoded in the
     * answer's character set.
     */
    static void copy(Attributes answer, int tag, Sequence requested, List<Attributes> items) {
        Sequence target = answer.newSequence(tag);
        Attributes rq = requested == null || requested.isEmpty() ? null : requested.get(0);
        for (Attributes stored : items) {
            Attributes item = new Attributes(answer);
            target.add(item);
            if (rq == null) {
                for (Attributes.Element e : stored.elements()) copyElement(item, stored, e.tag(), e.vr(), null);
            } else {
                for (Attributes.Element e : rq.elements()) copyElement(item, stored, e.tag(), e.vr(), rq);
            }
        }
    }

    private static void copyElement(Attributes item, Attributes stored, int tag, VR rqVr, Attributes rq) {
        Attributes.Element e = stored.get(tag);
        VR vr = e != null ? e.vr() : rqVr;
        if (vr == VR.SQ) {
            Sequence nested = rq == null ? null : rq.getSequence(tag);
            List<Attributes> items = matchingItems(nested, stored.getSequence(tag));
            copy(item, tag, nested, items == null ? List.of() : items);
        } else if (e == null || e.value() == null) {
            item.put(tag, vr, null);
        } else if (vr.isString()) {
            item.setString(tag, vr, stored.getStrings(tag));
        } else if (e.value() instanceof byte[] b) {
            item.put(tag, vr, b.clone());
        } else {
            item.put(tag, vr, null); // bulk data and fragments are never returned by C-FIND
        }
    }

    /** Every string the answer will carry for these items (to choose its character set). */
    static void strings(Sequence requested, List<Attributes> items, Consumer<String> out) {
        Attributes rq = requested == null || requested.isEmpty() ? null : requested.get(0);
        for (Attributes stored : items) {
            for (Attributes.Element e : (rq == null ? stored : rq).elements()) {
                Attributes.Element s = stored.get(e.tag());
                if (s == null) continue;
                if (s.vr() == VR.SQ) {
                    Sequence nested = rq == null ? null : rq.getSequence(e.tag());
                    List<Attributes> sub = matchingItems(nested, stored.getSequence(e.tag()));
                    if (sub != null) strings(nested, sub, out);
                } else if (s.vr().isString()) {
                    for (String v : stored.getStrings(e.tag())) out.accept(v);
                }
            }
        }
    }
}
