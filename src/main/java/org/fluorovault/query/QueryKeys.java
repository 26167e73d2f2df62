package org.fluorovault.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns DICOM matching (PS3.4 C.2.2.2) into SQL predicates: single value, wildcards {@code *}
 * and {@code ?}, ranges of dates ({@code A-B}, {@code -B}, {@code A-}) and UID lists. Public so
 * that other C-FIND models (the procedure package's Modality Worklist) match the same way.
 */
public final class QueryKeys {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    public String where() {
        return where.length() == 0 ? "" : " WHERE " + where.substring(5);
    }

    public List<Object> args() {
        return args;
    }

    public void raw(String predicate, Object... values) {
        where.append(" AND ").append(predicate);
        args.addAll(List.of(values));
    }

    /** Exact or wildcard match; {@code ignoreCase} for person names. Empty or "*" matches all. */
    public void match(String column, String value, boolean ignoreCase) {
        if (value == null || value.isEmpty() || value.equals("*")) return;
        String col = ignoreCase ? "UPPER(" + column + ")" : column;
        String v = ignoreCase ? value.toUpperCase(java.util.Locale.ROOT) : value;
        if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
            where.append(" AND ").append(col).append(" LIKE ? ESCAPE '!'");
            args.add(toLike(v));
        } else {
            where.append(" AND ").append(col).append(" = ?");
            args.add(v);
        }
    }

    /**
     * A list of UIDs separated by backslash or comma (QIDO allows both). A value that is not a valid
     * UID (PS3.5) is an {@link InvalidUidKeyException}: it never reaches the query.
     */
    public void uidList(String column, String value) {
        String[] uids = values(value);
        if (uids.length == 0) return;
        for (String u : uids) {
            String problem = org.fluorovault.dicom.data.UidSyntax.problem(u);
            if (problem != null) throw new InvalidUidKeyException(column, problem);
        }
        if (uids.length == 1) {
            match(column, uids[0], false);
            return;
        }
        where.append(" AND ").append(column).append(" IN (");
        for (int i = 0; i < uids.length; i++) {
            where.append(i == 0 ? "?" : ",?");
            args.add(uids[i]);
        }
        where.append(')');
    }

    /**
     * The values of a multi-valued key separated by backslash or comma, trimmed, without empty
     * ones: "XA,,RF" is XA and RF, and ",," (or null) is no value at all (universal matching).
     */
    public static String[] values(String value) {
        if (value == null || value.isBlank()) return new String[0];
        return java.util.Arrays.stream(value.split("[\\\\,]"))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toArray(String[]::new);
    }

    /** DA or TM range: "A-B", "-B", "A-" or a single value. */
    public void range(String column, String value) {
        if (value == null || value.isBlank()) return;
        String v = value.replace(".", "").trim();
        int dash = v.indexOf('-');
        if (dash < 0) {
            match(column, v, false);
            return;
        }
        String lo = v.substring(0, dash).trim(), hi = v.substring(dash + 1).trim();
        if (!lo.isEmpty()) raw(column + " >= ?", lo);
        if (!hi.isEmpty()) raw(column + " <= ?", hi.length() == 8 || hi.length() > 8 ? hi : hi + "\uffff");
    }

    static String toLike(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', '!' -> sb.append('!').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A UID key whose value is not a valid UID: QIDO answers 400, C-FIND/C-MOVE/C-GET and the worklist A900. */
    public static final class InvalidUidKeyException extends org.fluorovault.common.InvalidRequestException {
        InvalidUidKeyException(String column, String problem) {
            super("not a valid UID in the " + column.substring(column.indexOf('.') + 1) + " key: " + problem);
        }
    }
}
