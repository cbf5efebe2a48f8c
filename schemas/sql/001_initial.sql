-- agritrace schema 1. Records are immutable: every domain row points at the log leaf that holds its
-- canonical form. Only `holdings` and `shipments.received_by` change: they are custody state derived
-- from the log, kept as rows so a write can check quantities with one indexed read.

CREATE TABLE log_entries (
  leaf_index  INTEGER PRIMARY KEY,          -- 0-based position in the append-only log
  kind        TEXT NOT NULL,                -- party, site, product, batch, event
  record_id   TEXT NOT NULL,
  leaf        BLOB NOT NULL,                -- RFC 8785 canonical JSON of the record, never changed
  recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE parties (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  county     TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the API token; the token is never stored
  body       TEXT NOT NULL,                 -- the record as JSON
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)
) STRICT;

CREATE TABLE sites (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  party_id   TEXT NOT NULL REFERENCES parties(id),
  body       TEXT NOT NULL,
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)
) STRICT;

CREATE TABLE products (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  gtin       TEXT NOT NULL UNIQUE,
  party_id   TEXT NOT NULL REFERENCES parties(id),
  body       TEXT NOT NULL,
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)
) STRICT;

CREATE TABLE batches (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  product_id     TEXT NOT NULL REFERENCES products(id),
  gtin           TEXT NOT NULL,
  lot            TEXT NOT NULL,
  party_id       TEXT NOT NULL REFERENCES parties(id),
  county         TEXT NOT NULL,
  produced_unix  INTEGER NOT NULL,
  body           TEXT NOT NULL,
  leaf_index     INTEGER NOT NULL REFERENCES log_entries(leaf_index),
  UNIQUE (gtin, lot)
) STRICT;
CREATE INDEX batches_party ON batches(party_id, seq);
CREATE INDEX batches_county ON batches(county, seq);
CREATE INDEX batches_produced ON batches(produced_unix, seq);

-- Genealogy: a batch made by a transformation from parent batches.
CREATE TABLE batch_parents (
  child_id       TEXT NOT NULL REFERENCES batches(id),
  parent_id      TEXT NOT NULL REFERENCES batches(id),
  event_id       TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL,          -- how much of the parent went into the transformation
  PRIMARY KEY (child_id, parent_id)
) STRICT;
CREATE INDEX batch_parents_parent ON batch_parents(parent_id, child_id);

CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  party_id   TEXT NOT NULL REFERENCES parties(id),
  at_unix    INTEGER NOT NULL,
  corrects   TEXT REFERENCES events(id),   -- the event this one corrects, if any
  body       TEXT NOT NULL,
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)
) STRICT;
CREATE UNIQUE INDEX events_corrects ON events(corrects) WHERE corrects IS NOT NULL;

-- Which batches an event touches: subject (inspect, store, ship …), input or output (transform).
CREATE TABLE event_batches (
  event_id TEXT NOT NULL REFERENCES events(id),
  batch_id TEXT NOT NULL REFERENCES batches(id),
  role     TEXT NOT NULL CHECK (role IN ('subject', 'input', 'output')),
  PRIMARY KEY (batch_id, event_id, role)
) STRICT;

-- Custody state: how much of a batch each party holds now.
CREATE TABLE holdings (
  batch_id       TEXT NOT NULL REFERENCES batches(id),
  party_id       TEXT NOT NULL REFERENCES parties(id),
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
  PRIMARY KEY (batch_id, party_id)
) STRICT;

-- Goods in transit: a ship event waiting for its receive.
CREATE TABLE shipments (
  event_id       TEXT PRIMARY KEY REFERENCES events(id),
  batch_id       TEXT NOT NULL REFERENCES batches(id),
  to_party       TEXT NOT NULL REFERENCES parties(id),
  quantity_milli INTEGER NOT NULL,
  received_by    TEXT REFERENCES events(id)
) STRICT;

-- Parcels sold to consumers under their own code: Digital Link …/01/{gtin}/10/{lot}/21/{serial}.
CREATE TABLE parcels (
  gtin     TEXT NOT NULL,
  lot      TEXT NOT NULL,
  serial   TEXT NOT NULL,
  batch_id TEXT NOT NULL REFERENCES batches(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  PRIMARY KEY (gtin, lot, serial)
) STRICT;
