-- Market supervision (issue 4): inspectors belong to a bureau party, batches can be held and recalled,
-- recalls reach downstream stock, and consumer scans are counted per day.

-- Inspectors act for their bureau (a party of kind "bureau"): their inspections, holds and recalls
-- are that party's records. Only the admin has no party. SQLite cannot change a CHECK in place, so
-- the table is rebuilt; sessions point at users, so they are ended first (everyone logs in again).
DELETE FROM sessions;
CREATE TABLE users_new (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'producer', 'inspector')),
  party_id      TEXT REFERENCES parties(id),    -- producer: its party; inspector: its bureau; admin: NULL
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  CHECK ((role = 'admin') = (party_id IS NULL))
) STRICT;
-- An inspector made before this migration had no party; such an account is kept only if it can be
-- given one, which it cannot, so it is dropped (there were none outside tests).
INSERT INTO users_new SELECT id, username, role, party_id, password_hash, failed_logins, locked_until, created_at
  FROM users WHERE (role = 'admin') = (party_id IS NULL);
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- Open holds and recalls: custody-like state derived from the log (hold, release, recall and inspect
-- events), kept as rows so a ship, sell or transform can be refused with one indexed read. A row is
-- deleted when its control ends (a release, or re-tests clearing a rapid-test hold); the events stay.
CREATE TABLE batch_controls (
  batch_id  TEXT NOT NULL REFERENCES batches(id),
  kind      TEXT NOT NULL CHECK (kind IN ('hold', 'recall')),
  cause     TEXT NOT NULL CHECK (cause IN ('inspector', 'rapid_test', 'recall')),
  event_id  TEXT NOT NULL REFERENCES events(id),  -- the hold, recall or inspect event that opened it
  level     INTEGER CHECK (level IS NULL OR level BETWEEN 1 AND 3),  -- recalls only
  reason    TEXT NOT NULL,
  since     TEXT NOT NULL,                        -- RFC 3339 UTC
  PRIMARY KEY (batch_id, event_id)
) STRICT;
CREATE INDEX batch_controls_event ON batch_controls(event_id);

-- What a recall reached: every downstream batch (through transformations, splits and merges) and who
-- held how much of it when the recall was recorded; holders confirm (return / destroy) with events.
CREATE TABLE recall_reach (
  recall_id      TEXT NOT NULL REFERENCES events(id),
  batch_id       TEXT NOT NULL REFERENCES batches(id),
  party_id       TEXT NOT NULL REFERENCES parties(id),
  quantity_milli INTEGER NOT NULL,               -- held when the recall was recorded
  confirmed_by   TEXT REFERENCES events(id),     -- the holder's recall_confirm event
  PRIMARY KEY (recall_id, batch_id, party_id)
) STRICT;
CREATE INDEX recall_reach_party ON recall_reach(party_id, recall_id);

-- Consumer page views per UTC day, for the bureau's dashboard. Counted in memory and added here in
-- batches, so a scan never waits for a write.
CREATE TABLE scan_days (
  day   TEXT PRIMARY KEY,                        -- YYYY-MM-DD (UTC)
  scans INTEGER NOT NULL CHECK (scans >= 0)
) STRICT;

-- A recall looks up, per reached batch, its unreceived shipments and its parcels.
CREATE INDEX shipments_batch ON shipments(batch_id) WHERE received_by IS NULL;
CREATE INDEX parcels_batch ON parcels(batch_id, serial);
