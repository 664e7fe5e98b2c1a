-- Workers say they are alive: each worker loop (owner "host:pid:tag")
-- refreshes its row while it runs and removes it when it stops, so
-- `parley health --worker` can tell a worker that is working from a
-- process that merely exists.
CREATE TABLE worker_heartbeats (
  owner      text PRIMARY KEY,
  host       text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worker_heartbeats_host ON worker_heartbeats (host, seen_at);
