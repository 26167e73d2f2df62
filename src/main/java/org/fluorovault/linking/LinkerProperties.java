package org.fluorovault.linking;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param windowDays  a study dated this many days before or after the date of service matches by patient and date
 * @param modalities  modalities the patient-and-date rule considers (guidance imaging)
 */
@Validated
@ConfigurationProperties("fluorovault.linker")
public record LinkerProperties(
        @DefaultValue("1") @Min(0) int windowDays,
        @DefaultValue({"XA", "RF", "CT"}) @NotEmpty List<String> modalities) {}
