package org.fluorovault.evidence.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fluorovault.evidence.Evidence;
import org.fluorovault.evidence.RuleResult;
import org.fluorovault.evidence.RuleStatus;
import org.fluorovault.evidence.Verdict;
import org.fluorovault.evidence.VerdictStatus;
import org.junit.jupiter.api.Test;

/** The PDF packet carries every section an auditor reads, flows over pages, and marks a changed object. */
class PacketPdfTest {
    @Test
    void everySectionIsInTheDocumentAndLongTablesFlowOntoMorePages() throws Exception {
        Instant t = Instant.parse("2026-10-15T09:30:00Z");
        List<PacketContent.CustodyRow> custody = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            custody.add(new PacketContent.CustodyRow(
                    "1.2.826.0.1.3680043.10.1443.99." + i, "XA", t, "CARM1", "ab".repeat(32), i != 7));
        }
        Verdict verdict = new Verdict(
                VerdictStatus.NOT_SUPPORTED,
                "62323-test",
                t,
                List.of(
                        new RuleResult(
                                "R1",
                                "Imaging guidance",
                                "REQUIRED",
                                "CPT descriptor",
                                RuleStatus.PASS,
                                "2 XA images \u2192 linked",
                                List.of(new Evidence("SERIES", "1.2.3", "XA series, 30 image(s)"))),
                        new RuleResult(
                                "R4",
                                "Level",
                                "REQUIRED",
                                "A58993",
                                RuleStatus.FAIL,
                                "The annotated level L5-S1 does not match the record's level L4-L5",
                                List.of())));
        BufferedImage img = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        PacketContent c = new PacketContent(
                42,
                List.of(new PacketContent.Field("Patient", "Doe^Jane (P1)"), new PacketContent.Field("CPT", "62323")),
                verdict,
                List.of(new PacketContent.KeyImage(img, "AP view, frame 12: needle tip at L4-L5, epidural contrast")),
                List.of(new PacketContent.Curve("Run 1 (AP)", new double[] {0, 0, 1, 5, 9, 8, 7}, 3, 5)),
                List.of("Total fluoroscopy time 42 s (RDSR)"),
                custody,
                List.of(new PacketContent.AccessRow(t, "auditor1", "AUDITOR", "110106 Export", "10.0.0.5", "0")),
                t,
                "auditor1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PacketPdf().write(c, out);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("procedure 42")
                    .contains("NOT_SUPPORTED")
                    .contains("62323-test")
                    .contains("does not match the record's level L4-L5")
                    .contains("Doe^Jane")
                    .contains("needle tip at L4-L5")
                    .contains("onset 3, peak 5")
                    .contains("Total fluoroscopy time 42 s")
                    .contains("1.2.826.0.1.3680043.10.1443.99.79")
                    .contains("CHANGED")
                    .contains("110106 Export")
                    .contains("2 XA images ? linked");
        }
    }
}
