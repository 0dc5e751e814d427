-- Walk-up queues at an org's sites (civic centres). A visit is one person
-- who checked in at a site's tablet: their queue number for the day at that
-- site, the name or staff number and reason they gave, and the moments the
-- desk called, served and finished with them. Wait is checked_in_at to
-- called_at; service is called_at to finished_at. outcome is what was done
-- when resolved on the spot; ticket_id the ticket logged instead.
CREATE TABLE walkup_visits (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	site_id BIGINT NOT NULL REFERENCES sites(id),
	day TEXT NOT NULL,
	number INTEGER NOT NULL,
	name TEXT NOT NULL,
	show_name BOOLEAN NOT NULL DEFAULT FALSE,
	reason TEXT NOT NULL,
	state TEXT NOT NULL,
	desk TEXT NOT NULL DEFAULT '',
	called_by TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL DEFAULT '',
	ticket_id BIGINT REFERENCES tickets(id),
	checked_in_at {{time}} NOT NULL,
	called_at {{time}},
	served_at {{time}},
	finished_at {{time}},
	UNIQUE (site_id, day, number)
);
-- The queue as staff and the screen read it: a site's visits not finished.
CREATE INDEX walkup_visits_queue ON walkup_visits (site_id, state, id);
-- The figures read an org's visits by check-in time.
CREATE INDEX walkup_visits_checked_in ON walkup_visits (org_id, checked_in_at);

-- The links a site's tablet (check-in) and screen (the queue shown) open,
-- one of each per site. Only the SHA-256 of the token is kept; a desk
-- manager makes a new one, which ends the old at once.
CREATE TABLE walkup_kiosks (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	site_id BIGINT NOT NULL REFERENCES sites(id),
	purpose TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at {{time}} NOT NULL,
	PRIMARY KEY (site_id, purpose)
);
