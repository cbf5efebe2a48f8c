-- A producer's page lists the batches its party holds: holdings found by party, not only by batch.
CREATE INDEX holdings_party ON holdings(party_id, batch_id);
