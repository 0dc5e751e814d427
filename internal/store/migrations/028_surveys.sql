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
-- were at resolution, so the report reads this table alone, through
-- surveys_report, and a later change to the ticket does not move its score.
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
-- The report: one org's surveys sent in a period, with every column it
-- groups and counts by, so it never reads the table itself.
CREATE INDEX surveys_report ON surveys (org_id, send_at, cancelled, score, channel, priority, category, team, agent);
-- The comments managers read, newest first.
CREATE INDEX surveys_comments ON surveys (org_id, answered_at, id) WHERE comment <> '';
