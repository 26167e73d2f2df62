package org.fluorovault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FluoroVaultApplication {
    public static void main(String[] args) {
        SpringApplication.run(FluoroVaultApplication.class, args);
    }
}
