-- The TAXII 2.1 server: what became of each envelope a member posted, kept
-- in the database so whichever replica a client asks next can answer. A
-- status belongs to the org that posted it and is shown to no one else.
CREATE TABLE taxii_statuses (
	id TEXT PRIMARY KEY, -- a UUID, as TAXII names statuses
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	collection_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'complete')),
	total_count INTEGER NOT NULL,
	success_count INTEGER NOT NULL,
	failure_count INTEGER NOT NULL,
	pending_count INTEGER NOT NULL,
	details TEXT NOT NULL, -- JSON: the successes, failures and pendings, one entry an object
	requested_at {{time}} NOT NULL
);
CREATE INDEX taxii_statuses_org ON taxii_statuses (org_id, requested_at);

-- A collection serves an imported object's kept body instead of generating
-- one from its indicator or advisory rows, which is found by STIX id; and it
-- pages sightings, like indicators and kept objects, in the order they came.
CREATE INDEX warp_objects_stix ON warp_objects (stix_id);
CREATE INDEX warp_sightings_created ON warp_sightings (created_at, id);
