/**
 * A bundle's files, for the REST API and the console alike: each part's output under its file name
 * ({@code hero.png}, {@code landing.html}), the zip of them all with a manifest, and the headers
 * that keep a previewed page from running anything. It may touch the Java client ({@code
 * BundleClient}) and the artifact reader.
 */
package dev.conveyor.starter.bundles;
