-- A month's SLA report figures for one org, kept so that a year's report
-- reads twelve rows instead of a million tickets. Every ticket write bumps
-- the version of the month (UTC) its ticket was opened in; a rollup counts
-- only while built_version equals version, so a stale one is rebuilt from
-- the tickets, which stay the source of truth.
CREATE TABLE ticket_rollups (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	month INTEGER NOT NULL, -- yyyymm of opened_at in UTC
	version BIGINT NOT NULL DEFAULT 1,
	built_version BIGINT NOT NULL DEFAULT 0,
	data TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, month)
);
