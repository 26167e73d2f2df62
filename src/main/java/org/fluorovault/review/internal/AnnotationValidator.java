package org.fluorovault.review.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fluorovault.review.AnnotationRequest;
import org.fluorovault.review.InvalidAnnotationException;
import org.fluorovault.review.NeedleTip;
import org.fluorovault.review.Vocabulary;

/** Checks an annotation request against the vocabulary and the stored image's frames, rows and columns. */
public final class AnnotationValidator {
    static final int MAX_TEXT = 1024;

    private AnnotationValidator() {}

    /** The request's values, checked and normalised (coded values by name, key frames sorted). */
    public record Valid(
            NeedleTip needleTip,
            String level,
            String approach,
            String laterality,
            String view,
            String contrastPattern,
            String contrastText,
            boolean keyImage,
            List<Integer> keyFrames) {}

    public static Valid validate(AnnotationRequest req, StoredHeaders.Header image) {
        if (req == null) throw new InvalidAnnotationException("body", "an annotation is required");
        NeedleTip tip = needleTip(req.needleTip(), image);
        String level = null;
        if (req.level() != null) {
            level = Vocabulary.level(req.level())
                    .map(Vocabulary.Level::label)
                    .orElseThrow(() -> new InvalidAnnotationException(
                            "level",
                            "'" + req.level() + "' is not one of "
                                    + Arrays.stream(Vocabulary.Level.values())
                                            .map(Vocabulary.Level::label)
                                            .collect(Collectors.joining(", "))));
        }
        String approach = name("approach", req.approach(), Vocabulary.Approach.class);
        if (("CAUDAL".equals(level)) != ("CAUDAL".equals(approach)) && level != null && approach != null) {
            throw new InvalidAnnotationException(
                    "approach", "the CAUDAL approach goes with level CAUDAL (the sacral hiatus), and only with it");
        }
        String laterality = name("laterality", req.laterality(), Vocabulary.Laterality.class);
        String view = name("view", req.view(), Vocabulary.View.class);
        String pattern = name("contrastPattern", req.contrastPattern(), Vocabulary.ContrastPattern.class);
        String text = req.contrastText() == null || req.contrastText().isBlank()
                ? null
                : req.contrastText().strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidAnnotationException("contrastText", "at most " + MAX_TEXT + " characters");
        }
        boolean key = Boolean.TRUE.equals(req.keyImage());
        List<Integer> frames = keyFrames(req.keyFrames(), key, image.frames());
        if (tip == null
                && level == null
                && approach == null
                && laterality == null
                && view == null
                && pattern == null
                && text == null
                && !key) {
            throw new InvalidAnnotationException("body", "the annotation records nothing");
        }
        return new Valid(tip, level, approach, laterality, view, pattern, text, key, frames);
    }

    private static NeedleTip needleTip(NeedleTip t, StoredHeaders.Header image) {
        if (t == null) return null;
        if (t.frame() == null || t.column() == null || t.row() == null) {
            throw new InvalidAnnotationException("needleTip", "frame, column and row are all required");
        }
        if (t.frame() < 1 || t.frame() > image.frames()) {
            throw new InvalidAnnotationException(
                    "needleTip.frame", t.frame() + " is not a frame of this image (1.." + image.frames() + ")");
        }
        within("needleTip.column", t.column(), image.columns());
        within("needleTip.row", t.row(), image.rows());
        return t;
    }

    private static void within(String field, double v, int max) {
        if (!Double.isFinite(v) || v < 0 || v > max) {
            throw new InvalidAnnotationException(field, v + " is outside the image (0.." + max + ")");
        }
    }

    private static <E extends Enum<E>> String name(String field, String value, Class<E> type) {
        if (value == null) return null;
        for (E e : type.getEnumConstants()) if (e.name().equals(value)) return value;
        throw new InvalidAnnotationException(
                field,
                "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static List<Integer> keyFrames(List<Integer> given, boolean key, int frames) {
        if (given == null || given.isEmpty()) return List.of();
        if (!key) throw new InvalidAnnotationException("keyFrames", "key frames are given only with keyImage true");
        TreeSet<Integer> set = new TreeSet<>();
        for (Integer f : given) {
            if (f == null || f < 1 || f > frames) {
                throw new InvalidAnnotationException(
                        "keyFrames", f + " is not a frame of this image (1.." + frames + ")");
            }
            set.add(f);
        }
        return new ArrayList<>(set);
    }
}
