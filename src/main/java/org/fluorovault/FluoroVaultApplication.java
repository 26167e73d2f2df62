package org.fluorovault;

import java.util.Arrays;

import org.fluorovault.tools.SendCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the archive; {@code send ...} runs the DICOM sender instead (no server started).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FluoroVaultApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("send")) {
            System.exit(SendCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(FluoroVaultApplication.class, args);
    }
}
