package org.fluorovault.dicom.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.fluorovault.dicom.dict.Tags;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void datesInTheStandardAndTheOldForm() {
        assertEquals(Optional.of(LocalDate.of(2026, 11, 27)), DateTimes.date("20261127"));
        assertEquals(Optional.of(LocalDate.of(1993, 2, 1)), DateTimes.date("1993.02.01"));
        for (String bad :
                new String[] {null, "", "2026112", "202611270", "20261327", "20260230", "2026-11-27", "abcdefgh"}) {
            assertTrue(DateTimes.date(bad).isEmpty(), "not a date: " + bad);
        }
    }

    @Test
    void timesToAnyPrecisionAndInTheOldForm() {
        assertEquals(Optional.of(LocalTime.of(10, 0)), DateTimes.time("10"));
        assertEquals(Optional.of(LocalTime.of(10, 15)), DateTimes.time("1015"));
        assertEquals(Optional.of(LocalTime.of(10, 15, 30)), DateTimes.time("101530"));
        assertEquals(Optional.of(LocalTime.of(10, 15, 30, 120_000_000)), DateTimes.time("101530.12"));
        assertEquals(Optional.of(LocalTime.of(10, 15, 30, 123_456_000)), DateTimes.time("101530.123456 "));
        assertEquals(Optional.of(LocalTime.of(10, 15, 30)), DateTimes.time("10:15:30"));
        assertEquals(Optional.of(LocalTime.of(23, 59, 59, 999_999_000)), DateTimes.time("235960"), "leap second");
        for (String bad :
                new String[] {null, "", "1", "101", "2400", "1060", "101530.", "1015.5", "101530.1234567", "10a5"}) {
            assertTrue(DateTimes.time(bad).isEmpty(), "not a time: " + bad);
        }
    }

    @Test
    void dateTimesNeedAtLeastTheHourAndKeepTheirOffset() {
        assertEquals(
                new DateTimes.Moment(LocalDateTime.of(2026, 11, 27, 10, 0), null),
                DateTimes.dateTime("2026112710").orElseThrow());
        DateTimes.Moment m = DateTimes.dateTime("20261127101530.5-0500").orElseThrow();
        assertEquals(LocalDateTime.of(2026, 11, 27, 10, 15, 30, 500_000_000), m.local());
        assertEquals(ZoneOffset.ofHours(-5), m.offset());
        assertEquals(
                ZoneOffset.ofHoursMinutes(5, 30),
                DateTimes.dateTime("202611271015+0530").orElseThrow().offset());
        for (String bad :
                new String[] {null, "20261127", "2026", "20261127101530+01", "20261127101530+2500", "20261127251530"}) {
            assertTrue(DateTimes.dateTime(bad).isEmpty(), "not a usable date-time: " + bad);
        }
    }

    @Test
    void theAcquisitionMomentPrefersAcquisitionDateTimeThenAcquisitionTimeThenContentTime() {
        Attributes ds = new Attributes();
        ds.setString(Tags.StudyDate, VR.DA, "20261126");
        assertTrue(DateTimes.acquired(ds).isEmpty(), "a study date alone is no moment");
        ds.setString(Tags.ContentDate, VR.DA, "20261127");
        ds.setString(Tags.ContentTime, VR.TM, "101000");
        assertEquals(
                LocalDateTime.of(2026, 11, 27, 10, 10),
                DateTimes.acquired(ds).orElseThrow().local());
        ds.setString(Tags.AcquisitionTime, VR.TM, "100500");
        assertEquals(
                LocalDateTime.of(2026, 11, 27, 10, 5),
                DateTimes.acquired(ds).orElseThrow().local(),
                "Acquisition Time, on the Content Date when there is no Acquisition Date");
        ds.setString(Tags.AcquisitionDate, VR.DA, "20261128");
        assertEquals(
                LocalDateTime.of(2026, 11, 28, 10, 5),
                DateTimes.acquired(ds).orElseThrow().local());
        assertNull(DateTimes.acquired(ds).orElseThrow().offset());
        ds.setString(Tags.TimezoneOffsetFromUTC, VR.SH, "+0100");
        assertEquals(ZoneOffset.ofHours(1), DateTimes.acquired(ds).orElseThrow().offset());
        ds.setString(Tags.AcquisitionDateTime, VR.DT, "20261129090000");
        assertEquals(
                new DateTimes.Moment(LocalDateTime.of(2026, 11, 29, 9, 0), ZoneOffset.ofHours(1)),
                DateTimes.acquired(ds).orElseThrow(),
                "Acquisition DateTime first, with the object's offset when it has none of its own");
        ds.setString(Tags.AcquisitionDateTime, VR.DT, "20261129090000-0300");
        assertEquals(
                ZoneOffset.ofHours(-3), DateTimes.acquired(ds).orElseThrow().offset());
        ds.setString(Tags.AcquisitionDateTime, VR.DT, "garbage");
        assertEquals(
                LocalDateTime.of(2026, 11, 28, 10, 5),
                DateTimes.acquired(ds).orElseThrow().local(),
                "an unreadable value is passed over");
    }
}
