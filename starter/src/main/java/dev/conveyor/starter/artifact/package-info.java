/**
 * Reads artifacts, the content that jobs produce, from the store the workers write them to: their
 * folder or their S3 bucket. The starter never writes artifacts.
 */
package dev.conveyor.starter.artifact;
