package org.fluorovault.dicom.image;

/**
 * A linear VOI window (PS3.3 C.11.2.1.2) on modality values.
 *
 * @param center Window Center
 * @param width Window Width, at least 1
 */
public record Window(double center, double width) {
    public Window {
        if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1) {
            throw new IllegalArgumentException(
                    "window width must be at least 1 and both values finite: " + center + "," + width);
        }
    }

    /** Parses {@code "center,width"}, e.g. {@code "2048,4096"}. */
    public static Window parse(String text) {
        String[] p = text == null ? new String[0] : text.split(",");
        if (p.length != 2) throw new IllegalArgumentException("window must be 'center,width', e.g. 2048,4096: " + text);
        try {
            return new Window(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window must be two numbers 'center,width': " + text);
        }
    }

    /** Output 0..255 for a modality value. */
    int apply(double x) {
        double lo = center - 0.5 - (width - 1) / 2, hi = center - 0.5 + (width - 1) / 2;
        if (x <= lo) return 0;
        if (x > hi) return 255;
        if (width == 1) return 255;
        return (int) Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
    }
}
