-- Ticket references people can say: each org has a short prefix (ASH), and a
-- ticket's reference starts with it (ASH-INC-10003), so a reference is unique
-- across ward and names its council.
ALTER TABLE orgs ADD COLUMN ref_prefix TEXT NOT NULL DEFAULT '';

-- An existing org is given the first three letters of its slug when they
-- are letters (upper-casing changes only letters)...
UPDATE orgs SET ref_prefix = UPPER(SUBSTR(slug, 1, 3))
WHERE LENGTH(slug) >= 3
	AND UPPER(SUBSTR(slug, 1, 1)) <> SUBSTR(slug, 1, 1)
	AND UPPER(SUBSTR(slug, 2, 1)) <> SUBSTR(slug, 2, 1)
	AND UPPER(SUBSTR(slug, 3, 1)) <> SUBSTR(slug, 3, 1);

-- ...and otherwise, or when an older org has those letters already, ZZ and
-- its id spelt in letters (id 12 is ZZBC): letters only, and unused.
UPDATE orgs SET ref_prefix = 'ZZ' || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
	CAST(id AS TEXT), '0', 'A'), '1', 'B'), '2', 'C'), '3', 'D'), '4', 'E'), '5', 'F'), '6', 'G'), '7', 'H'), '8', 'I'), '9', 'J')
WHERE ref_prefix = ''
	OR EXISTS (SELECT 1 FROM orgs older WHERE older.ref_prefix = orgs.ref_prefix AND older.id < orgs.id);

CREATE UNIQUE INDEX orgs_ref_prefix ON orgs (ref_prefix);

UPDATE tickets SET ref = (SELECT ref_prefix FROM orgs WHERE orgs.id = tickets.org_id) || '-' || ref;

-- A reference finds its ticket across every org in scope; the old
-- UNIQUE (org_id, ref) still serves lookups within one org.
CREATE UNIQUE INDEX tickets_ref ON tickets (ref);
