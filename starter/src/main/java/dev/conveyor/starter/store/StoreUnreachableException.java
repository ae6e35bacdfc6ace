package dev.conveyor.starter.store;

/** The job store cannot be reached or migrated at start-up. */
public class StoreUnreachableException extends IllegalStateException {

  public StoreUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
