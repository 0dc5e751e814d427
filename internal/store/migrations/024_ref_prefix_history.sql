-- The reference prefixes an org has given up. An admin may change an org's
-- prefix (ASH to ASHC); its tickets' references change with it, and links
-- and scripts that still say ASH-INC-10003 are redirected to ASHC-INC-10003
-- by way of this table. A retired prefix stays the org's: the primary key
-- keeps it unique here, and ward refuses it to any other org, so an old
-- reference never comes to name another council's ticket.
CREATE TABLE org_ref_prefixes_retired (
	prefix TEXT PRIMARY KEY,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	retired_at {{time}} NOT NULL
);
CREATE INDEX org_ref_prefixes_retired_org ON org_ref_prefixes_retired (org_id);
