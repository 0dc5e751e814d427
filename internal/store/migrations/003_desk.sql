-- The service desk: people who call, calendars and SLA policies (both
-- versioned), tickets with their stored SLA measurement, their append-only
-- histories, and phone calls.

CREATE TABLE people (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	-- phone_key is the number reduced to digits in national form, so
	-- "+44 1632 960 001" and "01632 960001" match.
	phone_key TEXT NOT NULL DEFAULT '',
	site_id BIGINT REFERENCES sites(id),
	created_at {{time}} NOT NULL
);
CREATE INDEX people_org ON people (org_id, name);
CREATE INDEX people_phone ON people (phone_key);

-- Each edit of an org's calendar is a new version; the latest is in force.
CREATE TABLE calendars (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	version INTEGER NOT NULL,
	definition TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	UNIQUE (org_id, version)
);

-- SLA policy versions; a ticket is measured by the version in force when it
-- was opened.
CREATE TABLE sla_policies (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	type TEXT NOT NULL CHECK (type IN ('incident', 'request')),
	version INTEGER NOT NULL,
	effective_from {{time}} NOT NULL,
	definition TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	UNIQUE (org_id, type, version)
);

CREATE TABLE ticket_counters (
	org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
	next_number BIGINT NOT NULL
);

CREATE TABLE tickets (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	ref TEXT NOT NULL,
	source TEXT NOT NULL,
	external_id TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('incident', 'request')),
	priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
	impact INTEGER NOT NULL DEFAULT 0,
	urgency INTEGER NOT NULL DEFAULT 0,
	category TEXT NOT NULL DEFAULT '',
	subcategory TEXT NOT NULL DEFAULT '',
	channel TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	caller TEXT NOT NULL DEFAULT '',
	caller_phone TEXT NOT NULL DEFAULT '',
	caller_person_id BIGINT REFERENCES people(id),
	site TEXT NOT NULL DEFAULT '',
	assignment_group TEXT NOT NULL DEFAULT '',
	assignee TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL,
	opened_at {{time}} NOT NULL,
	resolved_at {{time}},
	closed_at {{time}},
	updated_at {{time}} NOT NULL,
	event_count INTEGER NOT NULL DEFAULT 0,
	-- content_hash lets a re-import of an unchanged ticket cost one compare.
	content_hash TEXT NOT NULL DEFAULT '',
	-- The SLA measurement, refreshed by every change and by `ward sla
	-- recompute`, so reports over a million tickets are one scan.
	policy_version INTEGER NOT NULL DEFAULT 0,
	response_secs BIGINT NOT NULL DEFAULT 0,
	response_target_secs BIGINT NOT NULL DEFAULT 0,
	response_status TEXT NOT NULL DEFAULT '',
	resolution_secs BIGINT NOT NULL DEFAULT 0,
	resolution_target_secs BIGINT NOT NULL DEFAULT 0,
	resolution_status TEXT NOT NULL DEFAULT '',
	paused_secs BIGINT NOT NULL DEFAULT 0,
	deadline_at {{time}},
	measured_at {{time}},
	-- report_key packs what the SLA report counts (priority, channel,
	-- resolved, within target, resolution minutes) into one integer, so the
	-- report reads one narrow index entry a ticket (see store/reportkey.go).
	report_key BIGINT NOT NULL DEFAULT 0,
	UNIQUE (org_id, ref),
	UNIQUE (org_id, source, external_id)
);
-- Reports read this index alone: tickets of one org opened in a period.
CREATE INDEX tickets_report ON tickets (org_id, opened_at, report_key, category);
CREATE INDEX tickets_open ON tickets (org_id, state);

CREATE TABLE phone_calls (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	call_id TEXT NOT NULL,
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	caller_number TEXT NOT NULL DEFAULT '',
	person_id BIGINT REFERENCES people(id),
	started_at {{time}},
	answered_at {{time}},
	ended_at {{time}},
	UNIQUE (org_id, call_id)
);

-- The shared secret the phone system signs its webhook calls with. It must be
-- kept whole to check signatures, unlike passwords and tokens.
CREATE TABLE webhook_secrets (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	hook TEXT NOT NULL,
	secret TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	PRIMARY KEY (org_id, hook)
);
