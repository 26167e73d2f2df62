package org.fluorovault;

import java.util.Arrays;

import org.fluorovault.tools.SendCommand;
import org.fluorovault.tools.samples.SampleGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the archive; {@code send ...} runs the DICOM sender and {@code samples DIR} the sample
 * generator instead (no server started).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FluoroVaultApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("send")) {
            System.exit(SendCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("samples")) {
            try {
                SampleGenerator.main(Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                System.err.println("cannot generate samples: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        SpringApplication.run(FluoroVaultApplication.class, args);
    }
}
