package org.fluorovault.review;

import java.util.List;

/**
 * What a technologist or physician records about one stored image; the JSON body of
 * {@code POST /api/instances/{uid}/annotations}. Coded fields take the names of
 * {@link Vocabulary}; absent fields are not recorded.
 */
public record AnnotationRequest(
        NeedleTip needleTip,
        String level,
        String approach,
        String laterality,
        String view,
        String contrastPattern,
        String contrastText,
        Boolean keyImage,
        List<Integer> keyFrames) {}
