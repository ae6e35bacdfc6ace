package dev.conveyor.starter;

import dev.conveyor.starter.cli.ConveyorCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the REST API, or runs one command of the command line without starting Spring when the
 * first argument is a command such as {@code submit} or {@code status}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConveyorStarterApplication {

  public static void main(String[] args) {
    if (ConveyorCli.isCommand(args)) {
      System.exit(ConveyorCli.fromEnvironment().run(args));
    }
    SpringApplication.run(ConveyorStarterApplication.class, args);
  }
}
