-- Accounts for the web login (producers on a phone, the bureau's inspectors, the operator), their
-- sessions, and the audit trail of who did what. None of this is a log record: accounts and sessions
-- change (failed logins, lock-outs, logout), so they live beside the log, not in it.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,               -- "usr_" + 64 random bits
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'producer', 'inspector')),
  party_id      TEXT REFERENCES parties(id),    -- the producer's party; NULL for every other role
  password_hash TEXT NOT NULL,                  -- "scrypt$N$r$p$salt_b64$hash_b64"; never the password
  failed_logins INTEGER NOT NULL DEFAULT 0,     -- consecutive failures since the last success
  locked_until  INTEGER NOT NULL DEFAULT 0,     -- unix seconds; login refused before then
  created_at    TEXT NOT NULL,
  CHECK ((role = 'producer') = (party_id IS NOT NULL))
) STRICT;

-- A session is found by the SHA-256 of its cookie value: a copy of this table opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,                     -- required on every form POST made with the session
  created_at INTEGER NOT NULL,                  -- unix seconds
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Who did what and when. Append-only: the triggers refuse every change and deletion.
CREATE TABLE audit_log (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,     -- never reused
  at     TEXT NOT NULL,                         -- UTC, RFC 3339
  actor  TEXT NOT NULL,                         -- "user:<username>", "token:<party id>", "admin-token", "cli", "anonymous"
  action TEXT NOT NULL,                         -- login, login_failed, account_locked, logout, user_add, …
  target TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_actor ON audit_log(actor, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
