package org.fluorovault.procedure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fluorovault.procedure.GuidanceImaging;
import org.fluorovault.procedure.SpinalRegion;

/**
 * Intended levels by region: interlaminar spaces L1-L2 .. L5-S1 and CAUDAL (sacral hiatus) for
 * lumbar/sacral codes; C2-C3 .. C7-T1 and T1-T2 .. T12-L1 for cervical/thoracic codes.
 */
final class SpinalLevels {
    static final List<String> LUMBAR_SACRAL = GuidanceImaging.LUMBAR_SACRAL_LEVELS;
    static final List<String> CERVICAL_THORACIC = cervicalThoracic();

    private SpinalLevels() {}

    static List<String> of(SpinalRegion region) {
        return region == SpinalRegion.LUMBAR_SACRAL ? LUMBAR_SACRAL : CERVICAL_THORACIC;
    }

    static boolean isKnown(String level) {
        return LUMBAR_SACRAL.contains(level) || CERVICAL_THORACIC.contains(level);
    }

    private static List<String> cervicalThoracic() {
        List<String> l = new ArrayList<>();
        for (int c = 2; c < 7; c++) l.add("C" + c + "-C" + (c + 1));
        l.add("C7-T1");
        for (int t = 1; t < 12; t++) l.add("T" + t + "-T" + (t + 1));
        l.add("T12-L1");
        return List.copyOf(l);
    }

    static final Set<String> MODALITIES = GuidanceImaging.SCHEDULABLE_MODALITIES;
}
