-- The domains an org sends official mail from; forwarding anywhere else is
-- a finding.
CREATE TABLE org_domains (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	domain TEXT NOT NULL,
	PRIMARY KEY (org_id, domain)
);

-- An org's own thresholds for the baseline controls, over the catalogue's defaults.
CREATE TABLE control_settings (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	control TEXT NOT NULL,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	params TEXT NOT NULL DEFAULT '{}', -- JSON object of parameter → value
	updated_at {{time}} NOT NULL,
	updated_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, control)
);

-- Devices, merged from every source that reports them. data holds the whole
-- merged record (posture.Device in store/devicecodec.go's layout); the
-- columns beside it are what a device is found by. Imports write a hundred
-- thousand of these at a time, so the row carries nothing more.
CREATE TABLE devices (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	serial TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	last_seen {{time}},
	data {{bytes}} NOT NULL,
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL
);
CREATE INDEX devices_org ON devices (org_id, name);

-- Mailboxes with their forwarding and inbox rules (posture.Mailbox as JSON).
CREATE TABLE mailboxes (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	address TEXT NOT NULL,
	display_name TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	UNIQUE (org_id, address)
);

-- Findings: one failing control on one subject. Kept, never duplicated:
-- a re-run updates last_seen or resolves; history is in finding_events.
CREATE TABLE findings (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	control TEXT NOT NULL,
	subject_kind TEXT NOT NULL,
	subject_key TEXT NOT NULL,
	subject_name TEXT NOT NULL DEFAULT '',
	severity TEXT NOT NULL,
	evidence TEXT NOT NULL DEFAULT '[]',
	state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'resolved')),
	first_seen {{time}} NOT NULL,
	last_seen {{time}} NOT NULL,
	resolved_at {{time}},
	accepted_reason TEXT NOT NULL DEFAULT '',
	accepted_owner TEXT NOT NULL DEFAULT '',
	accepted_by TEXT NOT NULL DEFAULT '',
	accepted_at {{time}},
	accepted_until {{time}},
	due_at {{time}},
	ticket_id BIGINT REFERENCES tickets(id),
	UNIQUE (org_id, control, subject_kind, subject_key)
);
CREATE INDEX findings_state ON findings (org_id, state, control);

-- Per org, day and control: how many subjects passed and failed, for the
-- compliance-over-time charts. A day's row is rewritten by each evaluation
-- that day; earlier days are never touched.
CREATE TABLE posture_daily (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	day TEXT NOT NULL, -- yyyy-mm-dd in the org's zone
	control TEXT NOT NULL,
	pass INTEGER NOT NULL DEFAULT 0,
	fail INTEGER NOT NULL DEFAULT 0,
	unknown INTEGER NOT NULL DEFAULT 0,
	not_applicable INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, day, control)
);
