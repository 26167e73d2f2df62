package org.fluorovault.analysis;

import java.util.List;
import java.util.Locale;
import org.fluorovault.analysis.ContrastAnalysis.Polarity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-station polarity, for equipment whose attributes say nothing or say it wrongly: matched by the
 * calling AE title the object arrived from, or by Manufacturer (0008,0070) and Manufacturer's Model
 * Name (0008,1090) (case-insensitive, both required). The first matching entry wins; it overrides the
 * attributes and the image. Example:
 * <pre>
 * fluorovault.analysis.polarity.stations[0].calling-ae-title=CARM_OR2
 * fluorovault.analysis.polarity.stations[0].attenuation=LOW_IS_ATTENUATION
 * </pre>
 */
@ConfigurationProperties("fluorovault.analysis.polarity")
public record PolarityOverrides(@DefaultValue List<Station> stations) {
    public record Station(String callingAeTitle, String manufacturer, String model, Polarity attenuation) {
        boolean matches(String aet, String mfr, String mdl) {
            if (attenuation == null || attenuation == Polarity.UNDECIDED) return false;
            if (callingAeTitle != null && !callingAeTitle.isBlank()) return same(callingAeTitle, aet);
            return manufacturer != null && !manufacturer.isBlank() && same(manufacturer, mfr) && same(model, mdl);
        }

        String describe() {
            return callingAeTitle != null && !callingAeTitle.isBlank()
                    ? "calling AE title " + callingAeTitle
                    : "Manufacturer " + manufacturer + ", model " + model;
        }

        private static boolean same(String a, String b) {
            return a != null
                    && b != null
                    && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
        }
    }

    public PolarityOverrides {
        stations = stations == null ? List.of() : List.copyOf(stations);
    }

    /** The first station that matches, or null. */
    public Station find(String callingAet, String manufacturer, String model) {
        for (Station s : stations) if (s.matches(callingAet, manufacturer, model)) return s;
        return null;
    }
}
