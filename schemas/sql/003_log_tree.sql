-- The Merkle tree over log_entries (RFC 6962) and the signed checkpoints of the log (C2SP
-- tlog-checkpoint in a signed note). tree_nodes holds the hash of every complete aligned subtree
-- [idx * 2^level, (idx + 1) * 2^level), level 0 being leaf hashes, so any root or proof costs
-- O(log n) reads. Both are written in the same transaction as the leaves they cover.
CREATE TABLE tree_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkpoints (
  size INTEGER PRIMARY KEY,                 -- tree size the checkpoint covers
  root BLOB NOT NULL,
  note TEXT NOT NULL                        -- the signed note, exactly as served at /checkpoint
) STRICT;

-- Proofs are asked for by record id (GET /api/v1/records/{id}/proof).
CREATE INDEX log_entries_record ON log_entries(record_id);
