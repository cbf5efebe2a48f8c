-- Consumer pages rendered ahead of scans. A page is valid only while its batch's page_version is the
-- one it was rendered at; every write bumps the versions of the batches it changes (and of their
-- descendants) in its own transaction, so a stale page can never be served, whatever raced.
CREATE TABLE page_versions (
  subject TEXT PRIMARY KEY,                 -- a batch id, or "product:" + GTIN for a product page
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;                    -- small rows: one B-tree search

CREATE TABLE rendered_pages (
  slot         INTEGER PRIMARY KEY,         -- 64-bit FNV-1a of page_key: a scan is one integer search
  page_key     TEXT NOT NULL,               -- gtin|lot|serial|language|format, decoded values
  subject      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body         BLOB NOT NULL                -- gzip of the page
) STRICT;

