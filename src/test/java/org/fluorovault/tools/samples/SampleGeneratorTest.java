package org.fluorovault.tools.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.ByteUtils;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.support.Peers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {
    /** The committed samples, relative to the project directory (Maven's working directory for tests). */
    private static final Path COMMITTED = Path.of("dicom-samples");

    @TempDir
    static Path tmp;

    static Path generated;

    @BeforeAll
    static void generateOnce() throws IOException {
        generated = tmp.resolve("run1");
        SampleGenerator.generate(generated);
    }

    @Test
    void regeneratingGivesByteIdenticalFiles() throws IOException {
        Path again = tmp.resolve("run2");
        List<Path> files = SampleGenerator.generate(again);
        assertEquals(SampleGenerator.FILES.size(), files.size());
        for (String name : SampleGenerator.FILES) {
            assertArrayEquals(
                    Files.readAllBytes(generated.resolve(name)), Files.readAllBytes(again.resolve(name)), name);
        }
        try (var left = Files.list(again)) {
            assertEquals(SampleGenerator.FILES.size(), left.count(), "no .part files left behind");
        }
    }

    @Test
    void committedSamplesAreWhatTheGeneratorWrites() throws IOException {
        for (String name : SampleGenerator.FILES) {
            Path committed = COMMITTED.resolve(name);
            if (!Files.exists(committed))
                fail(committed.toAbsolutePath() + " is missing; regenerate (dicom-samples/README.md)");
            if (Files.mismatch(committed, generated.resolve(name)) != -1) {
                fail(name + " differs from the generator's output; regenerate dicom-samples/ (see its README.md)");
            }
        }
        assertTrue(Files.isRegularFile(COMMITTED.resolve("README.md")));
    }

    @Test
    void samplesAreOneStudyOfOnePatientWithTheExpectedViews() throws IOException {
        Map<String, Attributes> ds = new HashMap<>();
        Map<String, Attributes> fmi = new HashMap<>();
        long total = 0;
        for (String name : SampleGenerator.FILES) {
            Attributes meta = new Attributes();
            ds.put(name, read(generated.resolve(name), meta));
            fmi.put(name, meta);
            total += Files.size(generated.resolve(name));
        }
        assertTrue(total < 8_000_000, "samples stay under 8 MB: " + total);
        for (Attributes a : ds.values()) {
            assertEquals("FV-SAMPLE-001", a.getString(Tags.PatientID));
            assertEquals("SYNTHETIC^LUMBAR", a.getString(Tags.PatientName));
            assertEquals(SampleGenerator.STUDY_UID, a.getString(Tags.StudyInstanceUID));
            assertEquals("FVACC0001", a.getString(Tags.AccessionNumber));
            assertTrue(a.getString(Tags.SOPInstanceUID).startsWith(SampleGenerator.UID_ROOT));
        }
        Attributes ap = ds.get(SampleGenerator.AP_FILE), lat = ds.get(SampleGenerator.LATERAL_FILE);
        assertEquals("1.2.840.10008.1.2.1", fmi.get(SampleGenerator.AP_FILE).getString(0x00020010));
        assertEquals(
                "1.2.840.10008.1.2.4.70", fmi.get(SampleGenerator.LATERAL_FILE).getString(0x00020010));
        assertEquals(0, ap.getDouble(Tags.PositionerPrimaryAngle, -1));
        assertEquals(90, lat.getDouble(Tags.PositionerPrimaryAngle, -1));
        assertEquals(ap.getString(Tags.StudyInstanceUID), lat.getString(Tags.StudyInstanceUID));
        assertTrue(!ap.getString(Tags.SeriesInstanceUID).equals(lat.getString(Tags.SeriesInstanceUID)), "two series");
        int apFrames = ap.getInt(Tags.NumberOfFrames, 0), latFrames = lat.getInt(Tags.NumberOfFrames, 0);
        assertTrue(apFrames >= 8 && apFrames <= 10 && latFrames >= 8 && latFrames <= 10);
        assertEquals(512 * 512 * 2 * apFrames, ap.getBytes(Tag.PixelData).length);
        assertArrayEquals(
                new byte[] {0x18, 0x00, 0x63, 0x10},
                ap.getBytes(Tags.FrameIncrementPointer),
                "Frame Increment Pointer is (0018,1063) Frame Time");

        Fragments f = lat.getFragments(Tag.PixelData);
        assertNotNull(f, "lateral run is encapsulated");
        assertEquals(latFrames + 1, f.size(), "Basic Offset Table and one fragment per frame");
        long[] offsets = f.basicOffsetTable();
        assertEquals(latFrames, offsets.length);
        for (int i = 1; i <= latFrames; i++) {
            byte[] frag = (byte[]) f.items().get(i);
            assertEquals(0, frag.length % 2);
            assertEquals(0xFFD8, ByteUtils.uint16BE(frag, 0));
            int end = frag[frag.length - 1] == 0 ? frag.length - 3 : frag.length - 2; // one 00 pads an odd stream
            assertEquals(0xFFD9, ByteUtils.uint16BE(frag, end), "fragment " + i + " ends with EOI");
            if (i < latFrames) assertEquals(offsets[i - 1] + 8 + frag.length, offsets[i]);
        }
    }

    @Test
    void doseReportCarriesTheAccumulatedTotalsInUcumUnits() throws IOException {
        Attributes sr = read(generated.resolve(SampleGenerator.DOSE_FILE), new Attributes());
        assertEquals("1.2.840.10008.5.1.4.1.1.88.67", sr.getString(Tags.SOPClassUID));
        assertEquals("10001", sr.getNestedItem(Tags.ContentTemplateSequence).getString(Tags.TemplateIdentifier));
        Attributes accumulated = child(sr, "113702");
        assertNotNull(accumulated, "Accumulated X-Ray Dose Data container");
        Map<String, String> units = Map.of(
                "113722", "Gy.m2", "113725", "Gy", "113726", "Gy.m2", "113728", "Gy", "113730", "s", "113855", "s",
                "113731", "1");
        for (var e : units.entrySet()) {
            Attributes num = child(accumulated, e.getKey());
            assertNotNull(num, "DCM " + e.getKey());
            Attributes mv = num.getNestedItem(Tags.MeasuredValueSequence);
            Attributes unit = mv.getNestedItem(Tags.MeasurementUnitsCodeSequence);
            assertEquals("UCUM", unit.getString(Tags.CodingSchemeDesignator));
            assertEquals(e.getValue(), unit.getString(Tags.CodeValue), "units of " + e.getKey());
        }
        double eventsDap = 0;
        int events = 0;
        for (Attributes item : sr.getSequence(Tags.ContentSequence)) {
            if (!"113706".equals(conceptCode(item))) continue;
            events++;
            eventsDap += child(item, "122130")
                    .getNestedItem(Tags.MeasuredValueSequence)
                    .getDouble(Tags.NumericValue, 0);
        }
        assertTrue(events >= 1, "irradiation events");
        double total = child(accumulated, "113722")
                .getNestedItem(Tags.MeasuredValueSequence)
                .getDouble(Tags.NumericValue, 0);
        assertEquals(total, eventsDap, 1e-12, "total DAP is the sum of the events");
        Attributes frames = child(accumulated, "113731").getNestedItem(Tags.MeasuredValueSequence);
        assertEquals(18, frames.getInt(Tags.NumericValue, 0), "frames of the two stored runs");
    }

    /** dciodvfy (dicom3tools) finds no error in any sample; warnings are printed. */
    @org.junit.jupiter.api.Tag("interop")
    @Test
    void dciodvfyReportsNoErrors() throws Exception {
        Peers.require("dciodvfy");
        List<String> errors = new ArrayList<>();
        for (String name : SampleGenerator.FILES) {
            Peers.Result r = Peers.run(generated, 60, "dciodvfy", name);
            for (String line : r.output().split("\\R")) {
                if (line.startsWith("Error")) errors.add(name + ": " + line);
                if (line.startsWith("Warning")) System.out.println("dciodvfy " + name + ": " + line);
            }
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    /** dcmtk reads every sample and decodes the JPEG lossless run back to the phantom's pixels. */
    @org.junit.jupiter.api.Tag("interop")
    @Test
    void dcmtkReadsTheSamplesAndDecodesTheLosslessRun() throws Exception {
        Peers.require("dcmdump", "dcmdjpeg");
        for (String name : SampleGenerator.FILES) {
            Peers.Result r = Peers.run(generated, 60, "dcmdump", "-q", name);
            assertEquals(0, r.exitCode(), name + ": " + r.output());
            assertTrue(!r.output().contains("E: "), name + ": " + r.output());
        }
        Path out = tmp.resolve("lateral-native.dcm");
        Peers.Result r = Peers.run(generated, 60, "dcmdjpeg", SampleGenerator.LATERAL_FILE, out.toString());
        assertEquals(0, r.exitCode(), r.output());
        byte[] px = read(out, new Attributes()).getBytes(Tag.PixelData);
        PhantomRun expected = SampleGenerator.lateralPhantom().render();
        short[] all = expected.concatenated();
        assertEquals(all.length * 2, px.length);
        for (int i = 0; i < all.length; i++) {
            if (ByteUtils.uint16LE(px, 2 * i) != (all[i] & 0xFFFF)) fail("pixel " + i + " differs after dcmdjpeg");
        }
    }

    private static Attributes child(Attributes parent, String codeValue) {
        Sequence s = parent.getSequence(Tags.ContentSequence);
        if (s == null) return null;
        for (Attributes item : s) if (codeValue.equals(conceptCode(item))) return item;
        return null;
    }

    private static String conceptCode(Attributes item) {
        Attributes c = item.getNestedItem(Tags.ConceptNameCodeSequence);
        return c == null ? null : c.getString(Tags.CodeValue);
    }

    private static Attributes read(Path file, Attributes fmi) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DicomReader r = new DicomReader(in, file)) {
            return r.readFile(fmi);
        }
    }
}
