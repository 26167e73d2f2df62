package org.fluorovault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the archive. The sender and the sample generator are not in this jar: they are in
 * {@code target/fluorovault-tools.jar} (README "Sending images").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FluoroVaultApplication {
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("send") || args[0].equals("samples"))) {
            // the commands this jar once ran: say where they went rather than start a server
            System.err.println(
                    "'" + args[0] + "' moved to the tools jar: java -jar target/fluorovault-tools.jar ... (sender)"
                            + " or java -cp target/fluorovault-tools.jar org.fluorovault.tools.samples.SampleGenerator DIR");
            System.exit(2);
        }
        SpringApplication.run(FluoroVaultApplication.class, args);
    }
}
