-- Routing profiles (issue 14). Each job keeps the profile whose models served it, and the workers
-- record the profiles they serve, so that the starter can refuse a job naming an unknown one
-- without sharing the workers' configuration.

ALTER TABLE jobs ADD COLUMN profile text;
UPDATE jobs SET profile = COALESCE(request ->> 'profile', 'default') WHERE request IS NOT NULL;

CREATE TABLE routing_profiles (
  -- The profile's name as jobs name it; 'default' is conveyor.models.
  name        text        PRIMARY KEY,
  -- The first model of each step, as provider/model, keyed by step.
  models      jsonb       NOT NULL,
  -- When a worker last recorded it, at its start-up.
  recorded_at timestamptz NOT NULL
);
