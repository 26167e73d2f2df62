package org.fluorovault.evidence.packet;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.fluorovault.evidence.Evidence;
import org.fluorovault.evidence.RuleResult;

/** Lays out the PDF evidence packet (A4 portrait): summary, verdict and rules, key images, curves, dose, custody, access. */
final class PacketPdf {
    private static final float MARGIN = 40;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private PDDocument doc;
    private PDPageContentStream cs;
    private float y;
    private int pageNo;
    private String footer;

    void write(PacketContent c, OutputStream out) throws IOException {
        try (PDDocument d = new PDDocument()) {
            doc = d;
            PDDocumentInformation info = d.getDocumentInformation();
            info.setTitle("Evidence packet, procedure " + c.procedureId());
            info.setCreator("FluoroVault");
            footer = "FluoroVault evidence packet - procedure " + c.procedureId() + " - generated "
                    + TIME.format(c.generatedAt()) + " for " + c.generatedBy();
            newPage();
            heading("Evidence packet: procedure " + c.procedureId(), 16);
            for (PacketContent.Field f : c.summary())
                row(new String[] {f.label(), f.value()}, new float[] {150, 365}, regular, 9);
            gap(8);
            heading("62323 documentation verdict: " + c.verdict().verdict(), 13);
            text(
                    "Rule set " + c.verdict().ruleSetVersion() + ", evaluated "
                            + TIME.format(c.verdict().evaluatedAt()),
                    regular,
                    8);
            gap(4);
            row(new String[] {"Rule", "Status", "Finding"}, new float[] {170, 60, 285}, bold, 9);
            for (RuleResult r : c.verdict().rules()) {
                color(r.status().name());
                row(
                        new String[] {r.id() + " " + r.title(), r.status().name(), r.message()},
                        new float[] {170, 60, 285},
                        regular,
                        8);
                cs.setNonStrokingColor(Color.BLACK);
                for (Evidence e : r.evidence()) {
                    row(
                            new String[] {"", "", "- " + e.text() + (e.ref() == null ? "" : " [" + e.ref() + "]")},
                            new float[] {170, 60, 285},
                            regular,
                            7);
                }
                text("Source: " + r.source(), regular, 6.5f, 230);
                gap(2);
            }
            heading("Key images", 13);
            if (c.keyImages().isEmpty()) text("No key images are marked.", regular, 9);
            for (PacketContent.KeyImage k : c.keyImages()) image(k);
            heading("Time-intensity curves", 13);
            if (c.curves().isEmpty()) text("No analysed runs.", regular, 9);
            for (PacketContent.Curve curve : c.curves()) plot(curve);
            heading("Radiation dose", 13);
            if (c.dose().isEmpty()) text("No dose is recorded for the linked studies.", regular, 9);
            for (String line : c.dose()) text(line, regular, 9);
            gap(6);
            heading("Chain of custody", 13);
            text(
                    "Each object as received: SOP Instance UID, time, sending AE title, and the SHA-256 recorded then; "
                            + "'intact' means the stored file still has that hash now.",
                    regular,
                    8);
            gap(2);
            float[] cw = {150, 50, 95, 55, 165};
            row(new String[] {"SOP Instance UID", "Object", "Received", "From AE", "SHA-256"}, cw, bold, 7);
            for (PacketContent.CustodyRow r : c.custody()) {
                if (!r.intact()) cs.setNonStrokingColor(new Color(180, 0, 0));
                row(
                        new String[] {
                            r.sopInstanceUid(),
                            r.kind(),
                            TIME.format(r.receivedAt()),
                            nz(r.callingAet()),
                            r.sha256() + (r.intact() ? " intact" : " CHANGED")
                        },
                        cw,
                        mono,
                        6);
                cs.setNonStrokingColor(Color.BLACK);
            }
            gap(6);
            heading("Access log of this record", 13);
            if (c.access().isEmpty()) text("No access recorded.", regular, 9);
            float[] aw = {95, 80, 80, 130, 80, 40};
            if (!c.access().isEmpty())
                row(new String[] {"Time", "User", "Role", "Event", "Address", "Outcome"}, aw, bold, 7);
            for (PacketContent.AccessRow a : c.access()) {
                row(
                        new String[] {
                            TIME.format(a.at()), a.user(), nz(a.role()), a.event(), nz(a.address()), a.outcome()
                        },
                        aw,
                        regular,
                        7);
            }
            cs.close();
            d.save(out);
        }
    }

    private void color(String status) throws IOException {
        cs.setNonStrokingColor(
                switch (status) {
                    case "FAIL" -> new Color(180, 0, 0);
                    case "WARN" -> new Color(170, 100, 0);
                    case "PASS" -> new Color(0, 110, 40);
                    default -> Color.DARK_GRAY;
                });
    }

    private void image(PacketContent.KeyImage k) throws IOException {
        float max = 250;
        float scale = Math.min(max / k.image().getWidth(), max / k.image().getHeight());
        float w = k.image().getWidth() * scale, h = k.image().getHeight() * scale;
        ensure(h + 30);
        PDImageXObject x = LosslessFactory.createFromImage(doc, k.image());
        cs.drawImage(x, MARGIN, y - h, w, h);
        float saveY = y;
        y -= 2;
        for (String line : wrap(k.caption(), regular, 8, PDRectangle.A4.getWidth() - 2 * MARGIN - w - 10)) {
            textAt(line, regular, 8, MARGIN + w + 10, y - 8);
            y -= 10;
        }
        y = saveY - h - 10;
    }

    private void plot(PacketContent.Curve c) throws IOException {
        float w = 400, h = 110;
        ensure(h + 30);
        text(c.label(), bold, 9);
        float x0 = MARGIN + 30, y0 = y - h;
        cs.setStrokingColor(Color.GRAY);
        cs.setLineWidth(0.5f);
        cs.moveTo(x0, y0);
        cs.lineTo(x0 + w, y0);
        cs.moveTo(x0, y0);
        cs.lineTo(x0, y0 + h);
        cs.stroke();
        double[] v = c.values();
        double maxV = 1e-9, minV = 0;
        for (double d : v) {
            maxV = Math.max(maxV, d);
            minV = Math.min(minV, d);
        }
        if (v.length > 1) {
            cs.setStrokingColor(new Color(0, 70, 160));
            cs.setLineWidth(1.2f);
            for (int i = 0; i < v.length; i++) {
                float px = x0 + w * i / (v.length - 1), py = (float) (y0 + h * (v[i] - minV) / (maxV - minV));
                if (i == 0) cs.moveTo(px, py);
                else cs.lineTo(px, py);
            }
            cs.stroke();
            marker(c.onsetFrame(), v.length, x0, y0, w, h, new Color(0, 140, 60));
            marker(c.peakFrame(), v.length, x0, y0, w, h, new Color(200, 60, 0));
        }
        textAt("frame 1", regular, 7, x0, y0 - 9);
        textAt("frame " + v.length, regular, 7, x0 + w - 30, y0 - 9);
        textAt(
                "onset " + (c.onsetFrame() > 0 ? c.onsetFrame() : "-") + ", peak "
                        + (c.peakFrame() > 0 ? c.peakFrame() : "-"),
                regular,
                7,
                x0 + w + 8,
                y0 + h - 8);
        y = y0 - 18;
    }

    private void marker(int frame, int n, float x0, float y0, float w, float h, Color color) throws IOException {
        if (frame < 1 || n < 2) return;
        float px = x0 + w * (frame - 1) / (n - 1);
        cs.setStrokingColor(color);
        cs.setLineWidth(0.8f);
        cs.moveTo(px, y0);
        cs.lineTo(px, y0 + h);
        cs.stroke();
    }

    private void heading(String s, float size) throws IOException {
        ensure(size + 12);
        gap(4);
        text(s, bold, size);
        gap(2);
    }

    private void text(String s, PDType1Font font, float size) throws IOException {
        text(s, font, size, 0);
    }

    private void text(String s, PDType1Font font, float size, float indent) throws IOException {
        for (String line : wrap(s, font, size, PDRectangle.A4.getWidth() - 2 * MARGIN - indent)) {
            ensure(size + 3);
            textAt(line, font, size, MARGIN + indent, y - size);
            y -= size + 3;
        }
    }

    /** One table row: each cell wrapped in its column; the row is as tall as its tallest cell. */
    private void row(String[] cells, float[] widths, PDType1Font font, float size) throws IOException {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> w = wrap(nz(cells[i]), font, size, widths[i] - 4);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float h = lines * (size + 2) + 2;
        ensure(h);
        float x = MARGIN;
        for (int i = 0; i < cells.length; i++) {
            float ly = y - size;
            for (String line : wrapped.get(i)) {
                textAt(line, font, size, x, ly);
                ly -= size + 2;
            }
            x += widths[i];
        }
        y -= h;
    }

    private void textAt(String s, PDType1Font font, float size, float x, float baseline) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable(s, font));
        cs.endText();
    }

    private List<String> wrap(String s, PDType1Font font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : printable(s, font).split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size <= width || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                    // a single word longer than the column (a UID, a hash) is cut where it overflows
                    while (font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
                        int cut = line.length() - 1;
                        while (cut > 1 && font.getStringWidth(line.substring(0, cut)) / 1000 * size > width) cut--;
                        out.add(line.substring(0, cut));
                        line.delete(0, cut);
                    }
                } else {
                    out.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The standard fonts encode WinAnsi only: other characters become '?'. */
    private static String printable(String s, PDType1Font font) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                b.append(ch);
                continue;
            }
            try {
                font.encode(String.valueOf(ch));
                b.append(ch);
            } catch (IllegalArgumentException | IOException e) {
                b.append('?');
            }
        }
        return b.toString();
    }

    private void ensure(float height) throws IOException {
        if (y - height < MARGIN + 20) newPage();
    }

    private void gap(float h) {
        y -= h;
    }

    private void newPage() throws IOException {
        if (cs != null) cs.close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        pageNo++;
        cs.setNonStrokingColor(Color.GRAY);
        textAt(footer + " - page " + pageNo, regular, 7, MARGIN, 20);
        cs.setNonStrokingColor(Color.BLACK);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
