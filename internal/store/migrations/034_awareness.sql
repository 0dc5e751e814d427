-- Security awareness: the courses and briefings that keep people current,
-- each person's completions, enrolments, and phishing exercises.
--
-- A course is refreshed every refresh_days (0: once is enough). Its
-- audience is the kinds of people (and, optionally, the teams) it binds,
-- comma separated; empty means everyone. code is the e-learning platform's
-- own id for the course, which an import matches on.
CREATE TABLE courses (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	code TEXT NOT NULL,
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('elearning', 'briefing', 'phishing')),
	refresh_days INTEGER NOT NULL CHECK (refresh_days >= 0),
	kinds TEXT NOT NULL DEFAULT '',
	teams TEXT NOT NULL DEFAULT '',
	retired BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	UNIQUE (org_id, code)
);

-- Completions are history: a refresh adds a row and never overwrites the
-- last (Moodle keeps only the first completion; ward keeps them all). The
-- same person, course and day twice is the same completion, so an import
-- run again changes nothing.
CREATE TABLE course_completions (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	course_id BIGINT NOT NULL REFERENCES courses(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	completed_on TEXT NOT NULL, -- yyyy-mm-dd
	source TEXT NOT NULL CHECK (source IN ('import', 'attendance', 'manual')),
	score INTEGER, -- a percentage, when the platform gives one
	recorded_at {{time}} NOT NULL,
	recorded_by TEXT NOT NULL DEFAULT '',
	UNIQUE (course_id, person_id, completed_on)
);
CREATE INDEX course_completions_person ON course_completions (org_id, person_id, course_id, completed_on);

-- An enrolment asks a person to complete a course by a day, outside its
-- usual refresh: after clicking in a phishing exercise, or by hand. It is
-- met by any completion on or after the day it was made.
CREATE TABLE course_enrolments (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	course_id BIGINT NOT NULL REFERENCES courses(id),
	person_id BIGINT NOT NULL REFERENCES people(id),
	enrolled_on TEXT NOT NULL, -- yyyy-mm-dd
	due_on TEXT NOT NULL,      -- yyyy-mm-dd
	reason TEXT NOT NULL CHECK (reason IN ('phishing', 'manual')),
	campaign_id BIGINT, -- the phishing exercise, when that was the reason
	created_at {{time}} NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	UNIQUE (course_id, person_id, enrolled_on)
);
CREATE INDEX course_enrolments_org ON course_enrolments (org_id, due_on);

-- A phishing exercise, imported from Gophish's results. enrol_course_id is
-- the course those who click or submit are enrolled in, when the org asks.
CREATE TABLE phishing_campaigns (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	launched_on TEXT NOT NULL, -- yyyy-mm-dd
	enrol_course_id BIGINT REFERENCES courses(id),
	file TEXT NOT NULL DEFAULT '',
	imported_at {{time}} NOT NULL,
	imported_by TEXT NOT NULL DEFAULT '',
	UNIQUE (org_id, name)
);

-- One person's result in an exercise: the furthest step they reached
-- (sent, opened, clicked, submitted) with the time of each, and whether
-- they reported the e-mail, which may come at any step. person_id is empty
-- when the address matched nobody in the org's people.
CREATE TABLE phishing_results (
	campaign_id BIGINT NOT NULL REFERENCES phishing_campaigns(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	email TEXT NOT NULL, -- lower case
	person_id BIGINT REFERENCES people(id),
	status TEXT NOT NULL CHECK (status IN ('sent', 'opened', 'clicked', 'submitted')),
	reported BOOLEAN NOT NULL DEFAULT FALSE,
	sent_at {{time}},
	opened_at {{time}},
	clicked_at {{time}},
	submitted_at {{time}},
	reported_at {{time}},
	PRIMARY KEY (campaign_id, email)
);
CREATE INDEX phishing_results_person ON phishing_results (org_id, person_id);
