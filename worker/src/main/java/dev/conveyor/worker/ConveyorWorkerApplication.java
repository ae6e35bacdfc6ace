package dev.conveyor.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Conveyor worker: hosts the Temporal worker that runs job workflows and model activities. In
 * embedded mode it also runs a local Temporal test server on loopback.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConveyorWorkerApplication {

  public static void main(String[] args) {
    StartupFailure.run(() -> SpringApplication.run(ConveyorWorkerApplication.class, args));
  }
}
