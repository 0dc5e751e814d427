-- Policy documents, their versions, and who accepted which.
--
-- A document binds the kinds of people (and, optionally, the teams) listed,
-- comma separated; empty means everyone. A material version asks each of
-- them to accept again within accept_days; reminders go every
-- remind_every_days, at most remind_max of them, then one escalation to
-- the person's line manager after the deadline.
CREATE TABLE policy_documents (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	slug TEXT NOT NULL,
	title TEXT NOT NULL,
	owner TEXT NOT NULL DEFAULT '',
	review_on TEXT NOT NULL DEFAULT '', -- yyyy-mm-dd
	kinds TEXT NOT NULL DEFAULT '',
	teams TEXT NOT NULL DEFAULT '',
	accept_days INTEGER NOT NULL CHECK (accept_days > 0),
	remind_every_days INTEGER NOT NULL DEFAULT 7 CHECK (remind_every_days >= 0),
	remind_max INTEGER NOT NULL DEFAULT 3 CHECK (remind_max >= 0),
	created_at {{time}} NOT NULL,
	UNIQUE (org_id, slug)
);

CREATE TABLE policy_versions (
	id {{id}},
	document_id BIGINT NOT NULL REFERENCES policy_documents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	number INTEGER NOT NULL,
	body TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	material BOOLEAN NOT NULL,
	published_at {{time}} NOT NULL,
	published_by TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	UNIQUE (document_id, number)
);

-- Acceptances are evidence: the store only ever inserts them. Each names
-- the exact content it was given (sha256), when, how and from where.
CREATE TABLE policy_acceptances (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	version_id BIGINT NOT NULL REFERENCES policy_versions(id),
	sha256 TEXT NOT NULL,
	accepted_at {{time}} NOT NULL,
	method TEXT NOT NULL CHECK (method IN ('signed-in', 'link', 'paper')),
	client TEXT NOT NULL DEFAULT '', -- IP and user agent
	recorded_by TEXT NOT NULL DEFAULT '',
	evidence {{bytes}},
	evidence_name TEXT NOT NULL DEFAULT '',
	evidence_sha256 TEXT NOT NULL DEFAULT '',
	evidence_type TEXT NOT NULL DEFAULT ''
);
CREATE INDEX policy_acceptances_person ON policy_acceptances (org_id, person_id, version_id);

-- A link mailed to one person for one version; only its token's hash is
-- kept, and it is good once, until it expires.
CREATE TABLE policy_links (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	token_hash TEXT NOT NULL UNIQUE,
	person_id BIGINT NOT NULL REFERENCES people(id),
	version_id BIGINT NOT NULL REFERENCES policy_versions(id),
	created_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL,
	used_at {{time}}
);

-- Where each person stands with the mails chasing one version.
CREATE TABLE policy_reminders (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	version_id BIGINT NOT NULL REFERENCES policy_versions(id),
	sent INTEGER NOT NULL DEFAULT 0,
	last_sent_at {{time}},
	escalated BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (person_id, version_id)
);
