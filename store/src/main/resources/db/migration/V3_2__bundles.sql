-- Bundles in the job store (issue 13). The bundle workflow writes a row per bundle, as a job does:
-- its stage, revision, cost, submitter, tags, deadline, and its parts and decisions as the
-- workflow reports them. A part's job keeps the bundle it belongs to, so that listings show the
-- bundle once instead of its parts' jobs. Written by the worker; read by listing, the inbox,
-- `watch` and the bundle's timeline.

ALTER TABLE jobs ADD COLUMN bundle_id text;
UPDATE jobs SET bundle_id = request -> 'bundle' ->> 'bundleId'
  WHERE jsonb_typeof(request -> 'bundle') = 'object';
CREATE INDEX jobs_bundle ON jobs (bundle_id, created_at) WHERE bundle_id IS NOT NULL;

CREATE TABLE bundles (
  bundle_id         text PRIMARY KEY,
  -- The sequence number of the write that produced this row: a write with a lower one is late.
  last_sequence     bigint         NOT NULL,
  -- The bundle's own stage: RUNNING, CHECKING, AWAITING_APPROVAL or a final state.
  stage             text           NOT NULL,
  submitter         text,
  tags              text[]         NOT NULL DEFAULT '{}',
  revision          integer        NOT NULL DEFAULT 0,
  consistency_runs  integer        NOT NULL DEFAULT 0,
  cost_usd          numeric(18, 8) NOT NULL DEFAULT 0,
  budget_usd        numeric(18, 8),
  awaiting_since    timestamptz,
  awaiting_deadline timestamptz,
  decided_by        text,
  reason            text,
  -- Every part (name, kind, uses, state, runs, job id, output reference, verdicts, cost) and every
  -- decision, as the bundle's status holds them.
  parts             jsonb          NOT NULL DEFAULT '[]',
  decisions         jsonb          NOT NULL DEFAULT '[]',
  -- The request as submitted (with its defaults).
  request           jsonb,
  created_at        timestamptz    NOT NULL,
  updated_at        timestamptz    NOT NULL,
  finished_at       timestamptz
);

CREATE INDEX bundles_created_at ON bundles (created_at DESC, bundle_id DESC);
CREATE INDEX bundles_stage ON bundles (stage, awaiting_since);

CREATE TABLE bundle_events (
  bundle_id text        NOT NULL REFERENCES bundles (bundle_id) ON DELETE CASCADE,
  sequence  bigint      NOT NULL,
  at        timestamptz NOT NULL,
  type      text        NOT NULL,
  stage     text        NOT NULL,
  revision  integer     NOT NULL,
  actor     text,
  detail    text,
  PRIMARY KEY (bundle_id, sequence)
);

-- What listings and the inbox read: every job and every bundle, one row each, with the kind. A
-- bundle's listed stage is a job's stage (RUNNING lists as GENERATE, CHECKING as QA; the others
-- are the same words), so one stage filter serves both; its own stage is bundle_stage.
CREATE VIEW work_items AS
  SELECT 'JOB' AS kind, job_id, output_kind, stage, NULL::text AS bundle_stage, bundle_id,
      submitter, tags, revision, cost_usd, awaiting_reason, awaiting_since, awaiting_deadline,
      created_at, updated_at, finished_at
    FROM jobs
  UNION ALL
  SELECT 'BUNDLE', bundle_id, NULL,
      CASE stage WHEN 'RUNNING' THEN 'GENERATE' WHEN 'CHECKING' THEN 'QA' ELSE stage END,
      stage, NULL, submitter, tags, revision, cost_usd, NULL, awaiting_since, awaiting_deadline,
      created_at, updated_at, finished_at
    FROM bundles;
