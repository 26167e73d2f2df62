package org.fluorovault.review.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.sr.ContentItems;
import org.fluorovault.review.Annotation;

/**
 * The content tree of the review's Key Object Selection Document (TID 2010): title 113000
 * "Of Interest", the reviewer as observer, a description, and one IMAGE item per key image with
 * its key frames.
 */
final class ReviewKos {
    private ReviewKos() {}

    record KeyImage(Annotation annotation, String sopClassUid) {}

    static void addContent(Attributes ds, String reviewer, String reviewerRole, List<KeyImage> keys) {
        ContentItems.root(ds, ReviewCodes.OF_INTEREST, "SEPARATE");
        ContentItems.template(ds, "2010");
        ReviewSr.observer(ds, reviewer, reviewerRole);
        ContentItems.text(ds, "CONTAINS", ReviewCodes.KEY_OBJECT_DESCRIPTION, description(keys));
        for (KeyImage k : keys) {
            Annotation a = k.annotation();
            ContentItems.image(
                    ds,
                    "CONTAINS",
                    null,
                    k.sopClassUid(),
                    a.sopInstanceUid(),
                    a.keyFrames().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** "Final needle position and contrast: L4-L5 AP, L4-L5 LATERAL". */
    private static String description(List<KeyImage> keys) {
        return "Final needle position and contrast: "
                + keys.stream()
                        .map(k -> {
                            Annotation a = k.annotation();
                            String s = (a.level() == null ? "" : a.level() + " ")
                                    + (a.view() == null ? "view not given" : a.view());
                            return a.contrastPattern() == null ? s : s + " (" + a.contrastPattern() + ")";
                        })
                        .collect(Collectors.joining(", "));
    }
}
