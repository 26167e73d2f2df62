package org.fluorovault.evidence.packet;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameRenderer;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.review.Annotation;

/** Renders a key image frame with what people marked on it: needle tip, level, and the analysed contrast outline. */
final class KeyImageRenderer {
    private static final int MIN_SIZE = 512;

    private KeyImageRenderer() {}

    /** The frame to show: the first key frame, else the needle tip's frame, else the analysis peak, else the middle. */
    static int frameOf(Annotation a, ContrastAnalysis analysis, int frameCount) {
        if (!a.keyFrames().isEmpty()) return a.keyFrames().get(0);
        if (a.needleTip() != null && a.needleTip().frame() != null)
            return a.needleTip().frame();
        if (analysis != null && analysis.peakFrame() != null) return analysis.peakFrame();
        return Math.max(1, (frameCount + 1) / 2);
    }

    static BufferedImage render(Path file, int frame, Annotation a, ContrastAnalysis analysis)
            throws FrameDecodeException {
        FrameSource src = FrameSource.open(file);
        int f = Math.min(Math.max(frame, 1), src.frameCount());
        BufferedImage gray = FrameRenderer.render(src.attributes(), src.format(), src.frame(f - 1), null);
        // small images are enlarged (nearest neighbour) so that marks and labels keep a readable size
        int scale = Math.max(1, (int) Math.ceil(MIN_SIZE / (double) Math.max(gray.getWidth(), gray.getHeight())));
        BufferedImage rgb =
                new BufferedImage(gray.getWidth() * scale, gray.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(gray, 0, 0, rgb.getWidth(), rgb.getHeight(), null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float unit = rgb.getWidth() / 256f;
            java.awt.geom.AffineTransform screen = g.getTransform();
            g.scale(scale, scale); // image coordinates from here on
            if (analysis != null
                    && analysis.outline() != null
                    && analysis.outline().size() > 2) {
                outline(g, analysis.outline(), unit / scale);
            }
            if (a.needleTip() != null
                    && a.needleTip().column() != null
                    && a.needleTip().row() != null) {
                tip(g, a.needleTip().column(), a.needleTip().row(), unit / scale);
            }
            g.setTransform(screen);
            label(g, a, f, unit);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static void outline(Graphics2D g, List<ContrastAnalysis.Point> pts, float unit) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(pts.get(0).column(), pts.get(0).row());
        for (int i = 1; i < pts.size(); i++)
            path.lineTo(pts.get(i).column(), pts.get(i).row());
        path.closePath();
        g.setColor(new Color(255, 200, 0, 220));
        g.setStroke(new BasicStroke(unit));
        g.draw(path);
    }

    private static void tip(Graphics2D g, double x, double y, float unit) {
        double r = 6 * unit;
        g.setColor(new Color(255, 40, 40));
        g.setStroke(new BasicStroke(unit * 1.2f));
        g.draw(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        g.draw(new java.awt.geom.Line2D.Double(x - 2 * r, y, x - r, y));
        g.draw(new java.awt.geom.Line2D.Double(x + r, y, x + 2 * r, y));
        g.draw(new java.awt.geom.Line2D.Double(x, y - 2 * r, x, y - r));
        g.draw(new java.awt.geom.Line2D.Double(x, y + r, x, y + 2 * r));
    }

    private static void label(Graphics2D g, Annotation a, int frame, float unit) {
        StringBuilder s = new StringBuilder();
        if (a.view() != null) s.append(a.view()).append("  ");
        if (a.level() != null) s.append(a.level()).append("  ");
        if (a.contrastPattern() != null) s.append(a.contrastPattern()).append("  ");
        s.append("frame ").append(frame);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(9 * unit)));
        int h = g.getFontMetrics().getHeight();
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(0, 0, g.getFontMetrics().stringWidth(s.toString()) + 8, h + 4);
        g.setColor(Color.WHITE);
        g.drawString(s.toString(), 4, h - 2);
    }
}
