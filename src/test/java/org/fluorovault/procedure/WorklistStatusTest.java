package org.fluorovault.procedure;

import static org.fluorovault.procedure.WorklistStatus.CANCELLED;
import static org.fluorovault.procedure.WorklistStatus.IMAGES_RECEIVED;
import static org.fluorovault.procedure.WorklistStatus.PERFORMED;
import static org.fluorovault.procedure.WorklistStatus.REVIEWED;
import static org.fluorovault.procedure.WorklistStatus.REVIEW_NEEDED;
import static org.fluorovault.procedure.WorklistStatus.SCHEDULED;
import static org.fluorovault.procedure.WorklistStatus.SIGNED;
import static org.fluorovault.procedure.WorklistStatus.derive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The worklist status rules (docs/worklist-status.md) on their own: record status, images, analysis or annotation. */
class WorklistStatusTest {

    @Test
    void aScheduledRecordGoesFromScheduledToImagesReceivedToReviewNeeded() {
        assertEquals(SCHEDULED, derive(Status.SCHEDULED, false, false));
        assertEquals(
                SCHEDULED,
                derive(Status.SCHEDULED, false, true),
                "an analysis without a linked image is not there yet");
        assertEquals(IMAGES_RECEIVED, derive(Status.SCHEDULED, true, false));
        assertEquals(REVIEW_NEEDED, derive(Status.SCHEDULED, true, true));
    }

    @Test
    void aPerformedRecordNeedsReviewOnceItsImagesAreIn() {
        assertEquals(PERFORMED, derive(Status.PERFORMED, false, false));
        assertEquals(REVIEW_NEEDED, derive(Status.PERFORMED, true, false));
        assertEquals(REVIEW_NEEDED, derive(Status.PERFORMED, true, true));
    }

    @Test
    void reviewedSignedAndCancelledRecordsSayWhatTheRecordSays() {
        for (boolean images : new boolean[] {false, true}) {
            for (boolean reviewable : new boolean[] {false, true}) {
                assertEquals(REVIEWED, derive(Status.REVIEWED, images, reviewable));
                assertEquals(SIGNED, derive(Status.SIGNED, images, reviewable));
                assertEquals(CANCELLED, derive(Status.CANCELLED, images, reviewable));
            }
        }
    }
}
