package org.fluorovault.dicom.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.fluorovault.dicom.dict.Tags;

/**
 * DICOM dates and times (PS3.5 6.2: DA, TM, DT), read leniently where old equipment differs (the
 * ACR-NEMA forms {@code YYYY.MM.DD} and {@code HH:MM:SS}), and the moment an image was acquired.
 * Values that cannot be read give an empty result, never an exception: they come from devices.
 */
public final class DateTimes {
    private DateTimes() {}

    /** A DA value, {@code YYYYMMDD} (or {@code YYYY.MM.DD}). */
    public static Optional<LocalDate> date(String da) {
        if (da == null) return Optional.empty();
        String s = da.trim().replace(".", "");
        if (s.length() != 8 || !digits(s)) return Optional.empty();
        try {
            return Optional.of(LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A TM value, {@code HH[MM[SS[.F{1-6}]]]} (or {@code HH:MM:SS.F}); a leap second 60 reads as 59.999999. */
    public static Optional<LocalTime> time(String tm) {
        if (tm == null) return Optional.empty();
        String s = tm.trim().replace(":", "");
        String fraction = "";
        int dot = s.indexOf('.');
        if (dot >= 0) {
            fraction = s.substring(dot + 1);
            s = s.substring(0, dot);
            if (s.length() != 6 || fraction.isEmpty() || fraction.length() > 6 || !digits(fraction))
                return Optional.empty();
        }
        if (s.isEmpty() || s.length() % 2 != 0 || s.length() > 6 || !digits(s)) return Optional.empty();
        int h = num(s, 0, 2), m = s.length() >= 4 ? num(s, 2, 4) : 0, sec = s.length() == 6 ? num(s, 4, 6) : 0;
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6)) * 1000;
        if (sec == 60) {
            sec = 59;
            nanos = 999_999_000;
        }
        if (h > 23 || m > 59 || sec > 59) return Optional.empty();
        return Optional.of(LocalTime.of(h, m, sec, nanos));
    }

    /**
     * A DT value, {@code YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]}, with at least the hour (a moment in a
     * day, not only a day); the offset suffix, if any, is returned apart.
     */
    public static Optional<Moment> dateTime(String dt) {
        if (dt == null) return Optional.empty();
        String s = dt.trim();
        ZoneOffset offset = null;
        int sign = Math.max(s.indexOf('+'), s.indexOf('-'));
        if (sign >= 0) {
            offset = offset(s.substring(sign)).orElse(null);
            if (offset == null) return Optional.empty();
            s = s.substring(0, sign);
        }
        int dot = s.indexOf('.');
        String whole = dot >= 0 ? s.substring(0, dot) : s;
        if (whole.length() < 10 || !digits(whole)) return Optional.empty();
        Optional<LocalDate> d = date(whole.substring(0, 8));
        Optional<LocalTime> t = time(whole.substring(8) + (dot >= 0 ? s.substring(dot) : ""));
        if (d.isEmpty() || t.isEmpty()) return Optional.empty();
        return Optional.of(new Moment(LocalDateTime.of(d.get(), t.get()), offset));
    }

    /** A UTC offset {@code &ZZXX} (as in DT and Timezone Offset From UTC), e.g. {@code +0100}, {@code -0530}. */
    public static Optional<ZoneOffset> offset(String value) {
        if (value == null) return Optional.empty();
        String s = value.trim();
        if (s.length() != 5 || (s.charAt(0) != '+' && s.charAt(0) != '-') || !digits(s.substring(1)))
            return Optional.empty();
        int h = num(s, 1, 3), m = num(s, 3, 5);
        if (h > 14 || m > 59) return Optional.empty();
        try {
            return Optional.of(ZoneOffset.ofHoursMinutes(s.charAt(0) == '-' ? -h : h, s.charAt(0) == '-' ? -m : m));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A local date and time, with the UTC offset the object stated for it (null when it stated none). */
    public record Moment(LocalDateTime local, ZoneOffset offset) {}

    /**
     * When the image was acquired, as the object states it: Acquisition DateTime, else an
     * Acquisition Time on the Acquisition (else Content, Series or Study) Date, else the Content
     * Date and Time. The offset is the DT's own, else Timezone Offset From UTC (0008,0201), else
     * null. Empty when the object states no usable time.
     */
    public static Optional<Moment> acquired(Attributes ds) {
        ZoneOffset tz = offset(ds.getString(Tags.TimezoneOffsetFromUTC)).orElse(null);
        Optional<Moment> dt = dateTime(ds.getString(Tags.AcquisitionDateTime));
        if (dt.isPresent()) {
            Moment m = dt.get();
            return Optional.of(m.offset() != null ? m : new Moment(m.local(), tz));
        }
        Optional<LocalDate> day =
                firstDate(ds, Tags.AcquisitionDate, Tags.ContentDate, Tags.SeriesDate, Tags.StudyDate);
        Optional<LocalTime> acq = time(ds.getString(Tags.AcquisitionTime));
        if (day.isPresent() && acq.isPresent())
            return Optional.of(new Moment(LocalDateTime.of(day.get(), acq.get()), tz));
        Optional<LocalDate> contentDay = date(ds.getString(Tags.ContentDate));
        Optional<LocalTime> content = time(ds.getString(Tags.ContentTime));
        if (contentDay.isPresent() && content.isPresent()) {
            return Optional.of(new Moment(LocalDateTime.of(contentDay.get(), content.get()), tz));
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> firstDate(Attributes ds, int... tags) {
        for (int tag : tags) {
            Optional<LocalDate> d = date(ds.getString(tag));
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
