-- Jobs Temporal no longer knows: the starter marks them LOST (stage 'LOST', with the reason and
-- the moment it found out in finished_at), and a resubmission links the lost job to the job that
-- replaces it. Written by the starter; read by status, listing and the console.

CREATE TABLE job_resubmissions (
  -- The job that was resubmitted: one resubmission per job.
  job_id         text        PRIMARY KEY REFERENCES jobs (job_id) ON DELETE CASCADE,
  -- The job that replaces it; its own row appears once its workflow writes it.
  resubmitted_as text        NOT NULL UNIQUE,
  resubmitted_by text        NOT NULL,
  at             timestamptz NOT NULL
);
