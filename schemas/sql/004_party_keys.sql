-- Producer signatures. A party may register an Ed25519 public key (PUT /api/v1/parties/{id}/key); from
-- then on each of its writes carries a signature over the canonical request, checked before the write
-- and stored in its leaf. Every registration is itself a log record (kind party_key); its row here
-- points at that leaf.
CREATE TABLE party_keys (seq INTEGER PRIMARY KEY, party_id TEXT NOT NULL REFERENCES parties(id),
  public_key TEXT NOT NULL, key_id TEXT NOT NULL,
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)) STRICT;
CREATE INDEX party_keys_party ON party_keys(party_id, seq);   -- current key = highest seq

-- Replay guard: a signature value is accepted once, with the record (leaf) it was accepted for. Written
-- in the same transaction as that record, so a replay loses with nothing written.
CREATE TABLE request_signatures (value TEXT PRIMARY KEY,
  leaf_index INTEGER NOT NULL REFERENCES log_entries(leaf_index)) STRICT;  -- replay guard
