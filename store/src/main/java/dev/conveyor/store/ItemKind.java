package dev.conveyor.store;

/** What a listed item is: a job of its own, or a bundle of parts decided together. */
public enum ItemKind {
  /** A job: one output, its own decision. */
  JOB,
  /** A bundle: named parts, each made by a job of its own, approved in one decision. */
  BUNDLE
}
