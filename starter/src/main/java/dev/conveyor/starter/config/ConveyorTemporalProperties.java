package dev.conveyor.starter.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where jobs go. The connection itself is the Temporal Boot starter's: {@code
 * spring.temporal.connection.target} and {@code spring.temporal.namespace}.
 *
 * @param taskQueue the task queue the workers poll, {@code conveyor-jobs} unless set
 */
@Validated
@ConfigurationProperties("conveyor.temporal")
public record ConveyorTemporalProperties(
    @DefaultValue("conveyor-jobs") @NotBlank String taskQueue) {}
