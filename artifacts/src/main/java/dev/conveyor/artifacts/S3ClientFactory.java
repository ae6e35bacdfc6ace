package dev.conveyor.artifacts;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client of the artifact store from its settings. */
public final class S3ClientFactory {

  private S3ClientFactory() {}

  /**
   * Builds a client on the JDK's HTTP client.
   *
   * @param settings the bucket's settings
   * @param environment reads an environment variable, {@code System::getenv} outside tests
   * @throws ArtifactSettingsException naming the setting when no region or no credentials can be
   *     found
   */
  public static S3Client create(S3Settings settings, UnaryOperator<String> environment) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .forcePathStyle(settings.pathStyle())
            .credentialsProvider(credentials(settings, environment));
    if (settings.endpoint() != null) {
      // S3-compatible servers do not all know the checksums the SDK now sends by default.
      builder
          .endpointOverride(settings.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    } else if (settings.endpoint() != null) {
      builder.region(Region.US_EAST_1);
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.region is not set and the AWS default region chain found none"
              + " (set it, or AWS_REGION)",
          e);
    }
  }

  private static AwsCredentialsProvider credentials(
      S3Settings settings, UnaryOperator<String> environment) {
    if (settings.accessKeyEnv() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            required(environment, settings.accessKeyEnv(), "access-key-env"),
            required(environment, settings.secretKeyEnv(), "secret-key-env")));
  }

  private static String required(UnaryOperator<String> environment, String name, String key) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      throw new ArtifactSettingsException(
          "environment variable "
              + name
              + " named by conveyor.artifacts.s3."
              + key
              + " is not set");
    }
    return value;
  }
}
