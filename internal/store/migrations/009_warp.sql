-- The WARP: communities of member orgs that share advisories, indicators
-- and sightings under the Traffic Light Protocol.
CREATE TABLE warp_communities (
	id {{id}},
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);

-- can_publish: whether the org's users may share into the community, or
-- only read what it shares.
CREATE TABLE warp_members (
	community_id BIGINT NOT NULL REFERENCES warp_communities(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	can_publish BOOLEAN NOT NULL DEFAULT TRUE,
	joined_at {{time}} NOT NULL,
	PRIMARY KEY (community_id, org_id)
);
CREATE INDEX warp_members_org ON warp_members (org_id);

-- A share is how items were shared: one per advisory, one per feed load.
-- Every read of shared items joins its share and filters by the viewer
-- (store/warp_filter.go), which is warp.Viewer.Sees written in SQL.
CREATE TABLE warp_shares (
	id {{id}},
	community_id BIGINT NOT NULL REFERENCES warp_communities(id),
	tlp TEXT NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
	audience TEXT NOT NULL CHECK (audience IN ('community', 'orgs', 'people')),
	author_org_id BIGINT NOT NULL REFERENCES orgs(id),
	author_user_id BIGINT REFERENCES users(id),
	anonymous BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL
);
CREATE INDEX warp_shares_community ON warp_shares (community_id);

CREATE TABLE warp_share_orgs (
	share_id BIGINT NOT NULL REFERENCES warp_shares(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	PRIMARY KEY (share_id, org_id)
);

CREATE TABLE warp_share_people (
	share_id BIGINT NOT NULL REFERENCES warp_shares(id),
	user_id BIGINT NOT NULL REFERENCES users(id),
	PRIMARY KEY (share_id, user_id)
);

CREATE TABLE warp_advisories (
	id {{id}},
	share_id BIGINT NOT NULL REFERENCES warp_shares(id),
	stix_id TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL DEFAULT '', -- Markdown, rendered safely when shown
	severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
	author_actor TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '', -- 'stix' when imported: warp_objects keeps the report as it came
	published_at {{time}} NOT NULL,
	modified_at {{time}} NOT NULL
);
CREATE INDEX warp_advisories_share ON warp_advisories (share_id);
CREATE INDEX warp_advisories_published ON warp_advisories (published_at);

-- Follow-ups are appended, never edited, like ticket events.
CREATE TABLE warp_advisory_updates (
	id {{id}},
	advisory_id BIGINT NOT NULL REFERENCES warp_advisories(id),
	body TEXT NOT NULL,
	author_actor TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);
CREATE INDEX warp_advisory_updates_advisory ON warp_advisory_updates (advisory_id);

CREATE TABLE warp_acks (
	advisory_id BIGINT NOT NULL REFERENCES warp_advisories(id),
	user_id BIGINT NOT NULL REFERENCES users(id),
	acked_at {{time}} NOT NULL,
	PRIMARY KEY (advisory_id, user_id)
);

-- One observable each. Indicators imported from one STIX indicator whose
-- pattern names several observables share its stix_id.
CREATE TABLE warp_indicators (
	id {{id}},
	share_id BIGINT NOT NULL REFERENCES warp_shares(id),
	stix_id TEXT NOT NULL,
	type TEXT NOT NULL,
	value TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	valid_from {{time}} NOT NULL,
	valid_until {{time}},
	confidence INTEGER NOT NULL DEFAULT 50 CHECK (confidence BETWEEN 0 AND 100),
	detect BOOLEAN NOT NULL DEFAULT TRUE,
	advisory_id BIGINT REFERENCES warp_advisories(id),
	warning TEXT NOT NULL DEFAULT '', -- the warning lists it fell in, when published anyway
	source TEXT NOT NULL DEFAULT '', -- 'stix' when imported from a bundle (warp_objects keeps it as it came), else how it was shared
	created_at {{time}} NOT NULL,
	modified_at {{time}} NOT NULL
);
CREATE INDEX warp_indicators_share ON warp_indicators (share_id);
CREATE INDEX warp_indicators_value ON warp_indicators (value);
CREATE INDEX warp_indicators_stix ON warp_indicators (stix_id);
CREATE INDEX warp_indicators_advisory ON warp_indicators (advisory_id);
CREATE INDEX warp_indicators_created ON warp_indicators (created_at, id);

-- A member saw an indicator in its logs. Visible to whoever sees the
-- indicator; the org is shown only if it chose to be named.
CREATE TABLE warp_sightings (
	id {{id}},
	stix_id TEXT NOT NULL UNIQUE,
	indicator_id BIGINT NOT NULL REFERENCES warp_indicators(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	anonymous BOOLEAN NOT NULL DEFAULT FALSE,
	shared BOOLEAN NOT NULL DEFAULT TRUE, -- false: kept for the org only
	count INTEGER NOT NULL DEFAULT 1,
	first_seen {{time}} NOT NULL,
	last_seen {{time}} NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	sample TEXT NOT NULL DEFAULT '', -- the first matching log line, for the org's own eyes
	ticket_id BIGINT REFERENCES tickets(id),
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);
CREATE INDEX warp_sightings_indicator ON warp_sightings (indicator_id);
CREATE INDEX warp_sightings_org ON warp_sightings (org_id, created_at);

-- STIX objects as they came in an imported bundle (indicators and reports
-- too, whose observables and advisories are also in the tables above), so
-- exports and TAXII serve them back whole, under the marking ward enforces.
CREATE TABLE warp_objects (
	id {{id}},
	share_id BIGINT NOT NULL REFERENCES warp_shares(id),
	stix_id TEXT NOT NULL,
	type TEXT NOT NULL,
	modified {{time}} NOT NULL,
	body TEXT NOT NULL,
	created_at {{time}} NOT NULL
);
CREATE INDEX warp_objects_share ON warp_objects (share_id);
CREATE INDEX warp_objects_created ON warp_objects (created_at, id);
