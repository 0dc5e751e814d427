-- Each person's directory accounts: an account belongs to a person when
-- its mail or sign-in name equals, in any case, the person's e-mail
-- address or UPN (matched_by says which). The table is derived, rebuilt
-- for an org whole at each identity analysis and whenever its people
-- change, so it always matches the current snapshots and people. An
-- account whose address names two people is linked to neither; those are
-- kept with person_id NULL and ambiguous set, for the accounts page.
CREATE TABLE person_accounts (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	person_id BIGINT REFERENCES people(id),
	source TEXT NOT NULL CHECK (source IN ('ad', 'entra')),
	directory TEXT NOT NULL,
	object_id TEXT NOT NULL,
	account_name TEXT NOT NULL,
	address TEXT NOT NULL,
	enabled BOOLEAN NOT NULL,
	matched_by TEXT NOT NULL CHECK (matched_by IN ('email', 'upn', '')),
	ambiguous BOOLEAN NOT NULL DEFAULT FALSE,
	refreshed_at {{time}} NOT NULL
);

CREATE INDEX person_accounts_person ON person_accounts (org_id, person_id, id);
CREATE INDEX person_accounts_object ON person_accounts (org_id, object_id);
