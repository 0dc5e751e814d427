-- Satisfaction surveys. An org's settings: whether its callers are asked,
-- how long after resolution, what share of tickets, how long the link stays
-- open, how often one caller may be asked, and the score at or under which a
-- follow-up task is raised (0: never).
CREATE TABLE survey_settings (
	org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
	enabled BOOLEAN NOT NULL DEFAULT FALSE,
	delay_minutes INTEGER NOT NULL,
	sample_percent INTEGER NOT NULL,
	link_days INTEGER NOT NULL,
	cooloff_days INTEGER NOT NULL,
	followup_score INTEGER NOT NULL,
	updated_at {{time}} NOT NULL,
	updated_by TEXT NOT NULL DEFAULT ''
);

-- One survey per ticket, made in the transaction that resolves it. The
-- ticket's channel, priority, category, team and agent are copied as they
-- were at resolution, so the report never reads the tickets, and a later
-- change to the ticket does not move its score.
-- The link's token is kept only as its SHA-256 (auth.HashSecret).
CREATE TABLE surveys (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	token_hash TEXT NOT NULL,
	caller_email TEXT NOT NULL,
	channel TEXT NOT NULL,
	priority INTEGER NOT NULL,
	category TEXT NOT NULL DEFAULT '',
	team TEXT NOT NULL DEFAULT '',
	agent TEXT NOT NULL DEFAULT '',
	-- mail_id is the survey's row in mail_outbox, removed with the survey
	-- when the ticket is reopened before the mail went.
	mail_id BIGINT,
	send_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL,
	cancelled BOOLEAN NOT NULL DEFAULT FALSE,
	score INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 5), -- 0: not answered
	answered_at {{time}},
	comment TEXT NOT NULL DEFAULT '',
	followup_ticket_id BIGINT REFERENCES tickets(id),
	UNIQUE (ticket_id)
);
CREATE UNIQUE INDEX surveys_token ON surveys (token_hash);
-- The cool-off: when was this caller last asked.
CREATE INDEX surveys_caller ON surveys (org_id, caller_email, send_at);
-- Surveys due today and later, which the report counts from the surveys
-- themselves (a survey not yet due has not been sent).
CREATE INDEX surveys_due ON surveys (org_id, send_at, cancelled, score, channel, priority, category, team, agent);

-- The report's counts, kept with every survey written, answered or
-- cancelled, in the same transaction: one row per org, day (the org's local
-- date the survey was due to go), dimension (channel, priority, category,
-- team or agent) and value. A year's report reads a few tens of thousands
-- of these rows rather than every survey; days before today are read here,
-- today's from surveys_due.
CREATE TABLE survey_days (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	day TEXT NOT NULL,
	dimension TEXT NOT NULL,
	value TEXT NOT NULL,
	sent INTEGER NOT NULL DEFAULT 0,
	answered INTEGER NOT NULL DEFAULT 0,
	score_1 INTEGER NOT NULL DEFAULT 0,
	score_2 INTEGER NOT NULL DEFAULT 0,
	score_3 INTEGER NOT NULL DEFAULT 0,
	score_4 INTEGER NOT NULL DEFAULT 0,
	score_5 INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, day, dimension, value)
);
-- The comments managers read, newest first.
CREATE INDEX surveys_comments ON surveys (org_id, answered_at, id) WHERE comment <> '';
