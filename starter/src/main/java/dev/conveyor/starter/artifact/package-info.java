/**
 * Reads artifacts, the content that jobs produce, from the folder the worker writes them to. The
 * starter never writes artifacts.
 */
package dev.conveyor.starter.artifact;
