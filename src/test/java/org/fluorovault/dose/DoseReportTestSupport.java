package org.fluorovault.dose;

import java.io.IOException;
import org.fluorovault.dicom.data.Attributes;

/** The sample dose report under new UIDs for a given study, for tests of other packages. */
public final class DoseReportTestSupport {
    private DoseReportTestSupport() {}

    public static Attributes sample(String studyUid) throws IOException {
        return DoseReportTest.sampleWithNewUids(studyUid);
    }
}
