package dev.conveyor.starter.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the REST API.
 *
 * @param maxBodySize the largest request body accepted; a larger one is answered 413 before it is
 *     read. The largest valid job request (20,000 characters of requirements, 50 criteria of 1,000
 *     characters) is well under the default.
 */
@Validated
@ConfigurationProperties("conveyor.api")
public record ApiProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
