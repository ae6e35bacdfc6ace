package dev.conveyor.starter.config;

import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.client.BundleClient;
import dev.conveyor.client.JobClient;
import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.starter.artifact.FolderArtifactReader;
import dev.conveyor.starter.artifact.S3ArtifactReader;
import dev.conveyor.starter.bundles.BundleFiles;
import dev.conveyor.starter.bundles.BundlePreview;
import dev.conveyor.starter.review.BundleReviews;
import dev.conveyor.starter.review.ReviewDecisions;
import dev.conveyor.starter.security.ConveyorSecurityProperties;
import dev.conveyor.store.JobQueries;
import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Java client API on the Temporal Boot starter's {@link WorkflowClient}. */
@Configuration(proxyBeanMethods = false)
class StarterConfiguration {

  @Bean
  JobClient jobClient(WorkflowClient workflowClient, ConveyorTemporalProperties temporal) {
    return new JobClient(workflowClient, temporal.taskQueue());
  }

  @Bean
  BundleClient bundleClient(WorkflowClient workflowClient, ConveyorTemporalProperties temporal) {
    return new BundleClient(workflowClient, temporal.taskQueue());
  }

  /** Reviewers' decisions on bundles; a bundle's status tells who submitted it. */
  @Bean
  BundleReviews bundleReviews(BundleClient bundles, ConveyorSecurityProperties security) {
    return new BundleReviews(bundles, security.allowSelfApproval());
  }

  /** A bundle's parts as files and as a zip, read where the workers write them. */
  @Bean
  BundleFiles bundleFiles(BundleClient bundles, ArtifactReader artifacts) {
    return new BundleFiles(bundles, artifacts);
  }

  /** The assembled HTML of a bundle's part, with its images inlined, for the console's frame. */
  @Bean
  BundlePreview bundlePreview(BundleClient bundles, ArtifactReader artifacts) {
    return new BundlePreview(bundles, artifacts);
  }

  /**
   * Reviewers' decisions; the job store, when one is configured, tells who submitted each job.
   * Without a store no job's submitter is known, so only admins (or every reviewer, with
   * self-approval allowed) can approve.
   */
  @Bean
  ReviewDecisions reviewDecisions(
      JobClient jobs, ObjectProvider<JobQueries> store, ConveyorSecurityProperties security) {
    return new ReviewDecisions(
        jobs, store.getIfAvailable(NoJobStore::new), security.allowSelfApproval());
  }

  /** Reads the workers' artifacts where {@code conveyor.artifacts.store} says they are. */
  @Bean
  ArtifactReader artifactReader(ArtifactProperties artifacts) {
    return switch (artifacts.store()) {
      case FILESYSTEM -> new FolderArtifactReader(artifacts.dir());
      case S3 -> new S3ArtifactReader(S3ArtifactBucket.connect(artifacts.s3(), System::getenv));
    };
  }
}
