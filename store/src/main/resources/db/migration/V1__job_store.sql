-- The job store: one row per job (its current state), and append-only tables for what happened to
-- it. Written by the worker's idempotent activities; read by listing, the console and audit.

CREATE TABLE jobs (
  job_id              text PRIMARY KEY,
  -- The sequence number of the write that produced this row: a write with a lower one is late.
  last_sequence       bigint      NOT NULL,
  output_kind         text,
  stage               text        NOT NULL,
  submitter           text,
  tags                text[]      NOT NULL DEFAULT '{}',
  revision            integer     NOT NULL DEFAULT 0,
  attempt             integer     NOT NULL DEFAULT 0,
  input_tokens        bigint      NOT NULL DEFAULT 0,
  output_tokens       bigint      NOT NULL DEFAULT 0,
  cost_usd            numeric(18, 8) NOT NULL DEFAULT 0,
  prompt_sha256       text,
  prompt_content_type text,
  prompt_size_bytes   bigint,
  output_sha256       text,
  output_content_type text,
  output_size_bytes   bigint,
  awaiting_reason     text,
  awaiting_revision   integer,
  awaiting_since      timestamptz,
  awaiting_deadline   timestamptz,
  awaiting_detail     text,
  reason              text,
  -- The request as submitted (with its defaults): the one JSON column.
  request             jsonb,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  finished_at         timestamptz
);

CREATE INDEX jobs_created_at ON jobs (created_at DESC, job_id DESC);
CREATE INDEX jobs_stage ON jobs (stage, awaiting_since);
CREATE INDEX jobs_submitter ON jobs (submitter, created_at DESC);
CREATE INDEX jobs_tags ON jobs USING gin (tags);
CREATE INDEX jobs_running ON jobs (created_at DESC) WHERE finished_at IS NULL;

CREATE TABLE job_events (
  job_id   text        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  sequence bigint      NOT NULL,
  at       timestamptz NOT NULL,
  type     text        NOT NULL,
  stage    text,
  revision integer     NOT NULL,
  attempt  integer     NOT NULL,
  actor    text,
  detail   text,
  PRIMARY KEY (job_id, sequence)
);

CREATE TABLE job_attempts (
  job_id              text    NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  revision            integer NOT NULL,
  attempt             integer NOT NULL,
  last_sequence       bigint  NOT NULL,
  output_sha256       text,
  output_content_type text,
  output_size_bytes   bigint,
  feedback            text,
  generated_by        text,
  checked_by          text,
  qa_passed           boolean,
  qa_score            double precision,
  qa_issues           text[],
  qa_feedback         text,
  PRIMARY KEY (job_id, revision, attempt)
);

CREATE TABLE job_calls (
  job_id        text           NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  call_index    integer        NOT NULL,
  step          text           NOT NULL,
  provider      text,
  model         text,
  input_tokens  bigint         NOT NULL,
  output_tokens bigint         NOT NULL,
  cost_usd      numeric(18, 8) NOT NULL,
  latency_ms    bigint         NOT NULL,
  fallbacks     text[]         NOT NULL DEFAULT '{}',
  PRIMARY KEY (job_id, call_index)
);

CREATE TABLE job_decisions (
  job_id         text        NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
  decision_index integer     NOT NULL,
  action         text,
  reviewer       text,
  comment        text,
  regenerate     boolean     NOT NULL,
  revision       integer     NOT NULL,
  via            text,
  applied        boolean     NOT NULL,
  note           text,
  at             timestamptz,
  PRIMARY KEY (job_id, decision_index)
);

CREATE INDEX job_decisions_reviewer ON job_decisions (reviewer, at);
