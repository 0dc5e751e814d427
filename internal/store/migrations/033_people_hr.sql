-- People as HR knows them. A council's ICT security policy binds staff,
-- councillors, contractors and consultants alike, so each person carries
-- their kind, their team and line manager (reminders escalate to the
-- manager), the day they started and the day their contract ends (a
-- contractor's end date works like a leaving date), the HR system's own id
-- (so an import matches a person again even when their e-mail changes) and
-- their directory sign-in name when it is not their e-mail address.
ALTER TABLE people ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff'
	CHECK (kind IN ('staff', 'councillor', 'contractor', 'consultant'));
ALTER TABLE people ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN manager_id BIGINT REFERENCES people(id);
ALTER TABLE people ADD COLUMN start_on TEXT NOT NULL DEFAULT ''; -- yyyy-mm-dd
ALTER TABLE people ADD COLUMN end_on TEXT NOT NULL DEFAULT '';   -- contract end, yyyy-mm-dd
ALTER TABLE people ADD COLUMN hr_id TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN upn TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX people_hr_id ON people (org_id, hr_id) WHERE hr_id <> '';
CREATE INDEX people_org_kind ON people (org_id, kind, team);
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_email ON people (org_id, lower(email));
