-- Refused sign-in attempts, by the account name (normalised email) tried,
-- whether or not a user has that name. Every refused password or code writes
-- the same row here, so an unknown name costs the same writes as a real one
-- and a timing probe cannot tell them apart; the lock-out is read from here
-- too. A row is deleted when its name signs in, when the user's password is
-- set, and once it has gone quiet (see Store.PruneSignInFailures).
CREATE TABLE signin_failures (
	name TEXT PRIMARY KEY,
	failures INTEGER NOT NULL, -- towards the lock-out: not counted while locked
	attempts INTEGER NOT NULL, -- every refusal, locked or not
	locked_until {{time}},
	updated_at {{time}} NOT NULL
);
CREATE INDEX signin_failures_updated ON signin_failures (updated_at);

-- Counts and locks carry over, so an account locked at upgrade stays locked.
INSERT INTO signin_failures (name, failures, attempts, locked_until, updated_at)
	SELECT email, failed_logins, failed_logins, locked_until, updated_at FROM users
	WHERE failed_logins > 0 OR locked_until IS NOT NULL;
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
