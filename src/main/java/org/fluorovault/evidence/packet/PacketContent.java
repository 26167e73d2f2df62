package org.fluorovault.evidence.packet;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.fluorovault.evidence.Verdict;

/**
 * Everything the PDF packet shows, gathered beforehand so that the PDF layout is a pure function of it.
 *
 * @param summary   label and value pairs of the procedure record
 * @param keyImages key images already rendered with their annotations drawn on them
 * @param curves    time-intensity curves of the analysed runs
 * @param dose      lines describing the recorded dose, empty when none
 * @param custody   one row per stored object
 * @param access    the access log of this procedure, oldest first
 */
public record PacketContent(
        long procedureId,
        List<Field> summary,
        Verdict verdict,
        List<KeyImage> keyImages,
        List<Curve> curves,
        List<String> dose,
        List<CustodyRow> custody,
        List<AccessRow> access,
        Instant generatedAt,
        String generatedBy) {
    public record Field(String label, String value) {}

    public record KeyImage(BufferedImage image, String caption) {}

    /** Mean contrast intensity per frame (1-based frames), with onset and peak frames or 0 when unknown. */
    public record Curve(String label, double[] values, int onsetFrame, int peakFrame) {}

    /** Chain of custody of one object: what arrived, when, from whom, and whether it still matches its hash. */
    public record CustodyRow(
            String sopInstanceUid, String kind, Instant receivedAt, String callingAet, String sha256, boolean intact) {}

    public record AccessRow(Instant at, String user, String role, String event, String address, String outcome) {}
}
