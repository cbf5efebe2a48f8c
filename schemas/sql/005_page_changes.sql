-- The batches whose pages writes outdated, in order, so the page store re-renders just those rather
-- than scanning every batch after each write. Written with the version bump (same transaction);
-- the page store deletes rows once it has followed them.
CREATE TABLE page_changes (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after the rows are deleted
  subject TEXT NOT NULL
) STRICT;
