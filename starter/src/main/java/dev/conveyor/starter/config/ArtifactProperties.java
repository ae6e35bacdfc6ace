package dev.conveyor.starter.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker stores artifacts. The starter only reads them, so this must be the worker's
 * folder.
 *
 * @param dir the artifact store's root; an artifact lives at {@code dir/<ref.relativePath()>}
 */
@Validated
@ConfigurationProperties("conveyor.artifacts")
public record ArtifactProperties(@DefaultValue("data/artifacts") @NotNull Path dir) {}
