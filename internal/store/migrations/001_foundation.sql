-- Orgs and where their people work.
CREATE TABLE orgs (
	id {{id}},
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('council', 'shared-service', 'partner')),
	time_zone TEXT NOT NULL DEFAULT 'Europe/London',
	created_at {{time}} NOT NULL
);

CREATE TABLE sites (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	UNIQUE (org_id, name)
);

CREATE TABLE teams (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	UNIQUE (org_id, name)
);

-- Users sign in. A user belongs to one org; shared-service staff may be
-- granted more through user_grants.
CREATE TABLE users (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'analyst', 'officer', 'member', 'committee')),
	password_hash TEXT NOT NULL DEFAULT '',
	totp_secret TEXT NOT NULL DEFAULT '',
	totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
	totp_last_step BIGINT NOT NULL DEFAULT 0,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until {{time}},
	oidc_subject TEXT,
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL
);
CREATE INDEX users_org ON users (org_id);
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_subject);

CREATE TABLE user_grants (
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	PRIMARY KEY (user_id, org_id)
);

CREATE TABLE recovery_codes (
	id {{id}},
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at {{time}}
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- Server-side sessions; the cookie holds a random token and only its hash is
-- kept here, so a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	stage TEXT NOT NULL CHECK (stage IN ('password', 'enrol', 'full')),
	active_org_id BIGINT REFERENCES orgs(id),
	created_at {{time}} NOT NULL,
	last_seen_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL,
	ip TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens act for one org with one role; the token itself is shown once.
CREATE TABLE api_tokens (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'analyst', 'officer', 'member', 'committee')),
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_by TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL,
	revoked_at {{time}},
	last_used_at {{time}}
);

-- The audit log is append-only and hash-chained: each entry's hash covers its
-- own fields and the previous entry's hash.
CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	at {{time}} NOT NULL,
	actor TEXT NOT NULL,
	org_id BIGINT,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	detail TEXT NOT NULL,
	ip TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, seq);

-- The head of the chain, written with every entry, so that cutting entries
-- off the end is seen as well as editing them.
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
