package dev.conveyor.artifacts;

import java.net.URI;

/**
 * The S3 bucket of the artifact store, under {@code conveyor.artifacts.s3.*}. Credentials come from
 * the two environment variables named here, or else from the AWS default chain (environment, system
 * properties, profile files, web identity, container and instance roles).
 *
 * @param bucket the bucket's name
 * @param endpoint the endpoint of an S3-compatible server such as MinIO ({@code
 *     http://minio:9000}); none for AWS S3
 * @param region the signing region; by default the AWS default region chain, or {@code us-east-1}
 *     when an endpoint is set
 * @param pathStyle whether requests name the bucket in the path rather than in the host name; true
 *     by default when an endpoint is set, as most S3-compatible servers need
 * @param prefix a folder inside the bucket for the artifacts, for example {@code conveyor/}
 * @param accessKeyEnv the environment variable holding the access key id
 * @param secretKeyEnv the environment variable holding the secret access key
 */
public record S3Settings(
    String bucket,
    URI endpoint,
    String region,
    Boolean pathStyle,
    String prefix,
    String accessKeyEnv,
    String secretKeyEnv) {

  private static final String BUCKET_NAME = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
  private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

  public S3Settings {
    bucket = blankToNull(bucket);
    region = blankToNull(region);
    accessKeyEnv = blankToNull(accessKeyEnv);
    secretKeyEnv = blankToNull(secretKeyEnv);
    if (bucket != null && !bucket.matches(BUCKET_NAME)) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.bucket '"
              + bucket
              + "' is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
    }
    if (endpoint != null
        && (endpoint.getHost() == null
            || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.endpoint '"
              + endpoint
              + "' must be an http or https URL such as http://minio:9000");
    }
    if ((accessKeyEnv == null) != (secretKeyEnv == null)) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.access-key-env and conveyor.artifacts.s3.secret-key-env go"
              + " together: set both, or neither for the AWS default credentials chain");
    }
    requireEnvName(accessKeyEnv, "access-key-env");
    requireEnvName(secretKeyEnv, "secret-key-env");
    pathStyle = pathStyle == null ? endpoint != null : pathStyle;
    prefix = normalizePrefix(prefix);
  }

  /** Returns where the artifacts live, {@code s3://bucket/prefix}, for messages. */
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  private static void requireEnvName(String name, String key) {
    if (name != null && !name.matches(ENV_NAME)) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3." + key + " '" + name + "' is not an environment variable name");
    }
  }

  private static String normalizePrefix(String prefix) {
    String trimmed = prefix == null ? "" : prefix.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.contains("..") || trimmed.contains("//")) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.prefix '" + prefix + "' must be a plain folder such as conveyor/");
    }
    return trimmed.isEmpty() ? "" : trimmed + "/";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
