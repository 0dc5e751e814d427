-- Directory snapshots: one import of an AD domain (SharpHound) or an Entra
-- tenant. graph holds the whole directory in identity/codec.go's layout;
-- an org's analysis joins its current snapshots. Each import keeps the
-- snapshot it replaces as 'previous', for comparison, and drops the one
-- before that.
CREATE TABLE identity_snapshots (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	source TEXT NOT NULL CHECK (source IN ('ad', 'entra')),
	directory TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('current', 'previous')),
	file TEXT NOT NULL DEFAULT '',
	imported_at {{time}} NOT NULL,
	imported_by TEXT NOT NULL DEFAULT '',
	nodes INTEGER NOT NULL,
	edges INTEGER NOT NULL,
	graph {{bytes}} NOT NULL
);
CREATE INDEX identity_snapshots_org ON identity_snapshots (org_id, state, source, directory);

-- Objects an analyst has added to Tier Zero, by directory object id; they
-- stay Tier Zero across imports.
CREATE TABLE identity_tier_zero (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	object_id TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	added_by TEXT NOT NULL DEFAULT '',
	added_at {{time}} NOT NULL,
	PRIMARY KEY (org_id, object_id)
);

-- An org's identity score and path counts by day, for the trend. A day's
-- row is rewritten by each analysis that day.
CREATE TABLE identity_daily (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	day TEXT NOT NULL, -- yyyy-mm-dd in the org's zone
	score INTEGER NOT NULL,
	accounts INTEGER NOT NULL,
	reaching INTEGER NOT NULL,
	tier_zero INTEGER NOT NULL,
	detail TEXT NOT NULL DEFAULT '{}', -- JSON: the score's categories and the top choke points
	PRIMARY KEY (org_id, day)
);

-- The day a person left the org; their enabled accounts are a finding.
ALTER TABLE people ADD COLUMN left_on TEXT NOT NULL DEFAULT '';
