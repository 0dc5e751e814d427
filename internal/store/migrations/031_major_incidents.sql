-- Major incidents and the status page (issue 16, item 4).
--
-- An incident ticket raised to major (by a manager, or proposed by one of
-- the org's rules and accepted) gets a row here; it is owned by the ticket's
-- org but may affect several councils, each of which sees it on its own
-- status page through major_impacts.
CREATE TABLE major_settings (
	org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
	status_public BOOLEAN NOT NULL DEFAULT FALSE, -- the status page needs no sign-in
	notice_gap_minutes INTEGER NOT NULL DEFAULT 30, -- damping of e-mail notices
	rule_tickets INTEGER NOT NULL DEFAULT 0, -- N P1/P2 tickets on one service…; 0 = rule off
	rule_window_minutes INTEGER NOT NULL DEFAULT 30, -- …within M minutes propose a candidate
	critical_services TEXT NOT NULL DEFAULT '', -- one per line: any P1 on one proposes a candidate
	rules_raise_directly BOOLEAN NOT NULL DEFAULT FALSE, -- rules raise a major incident, not a candidate
	updated_at {{time}} NOT NULL
);

CREATE TABLE major_incidents (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	title TEXT NOT NULL,
	state TEXT NOT NULL, -- candidate, declined, open, resolved
	phase TEXT NOT NULL, -- investigating, identified, monitoring, resolved
	raised_by TEXT NOT NULL,
	raised_why TEXT NOT NULL DEFAULT '',
	raised_at {{time}} NOT NULL,
	decided_by TEXT NOT NULL DEFAULT '',
	decided_at {{time}},
	resolved_at {{time}},
	updated_at {{time}} NOT NULL
);
CREATE INDEX major_incidents_org ON major_incidents (org_id, raised_at, id);
CREATE INDEX major_incidents_ticket ON major_incidents (ticket_id);

-- What a major incident affects, per council: a service and, if known, a site.
CREATE TABLE major_impacts (
	major_id BIGINT NOT NULL REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	service TEXT NOT NULL,
	site TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (major_id, org_id, service, site)
);
CREATE INDEX major_impacts_org ON major_impacts (org_id, major_id);

-- The timeline: append-only. Audience "public" marks an update safe for
-- the status page seen without sign-in and for subscribers' e-mail.
CREATE TABLE major_updates (
	id {{id}},
	major_id BIGINT NOT NULL REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	at {{time}} NOT NULL,
	actor TEXT NOT NULL,
	audience TEXT NOT NULL,
	phase TEXT NOT NULL,
	body TEXT NOT NULL
);
CREATE INDEX major_updates_major ON major_updates (major_id, at, id);

-- The communication plan: for each audience, how often it hears and when
-- the next update is due.
CREATE TABLE major_comms (
	major_id BIGINT NOT NULL REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	audience TEXT NOT NULL,
	every_minutes INTEGER NOT NULL,
	next_due_at {{time}} NOT NULL,
	PRIMARY KEY (major_id, audience)
);

-- Child tickets: a ticket is the child of at most one major incident; it
-- may belong to another council than the parent.
CREATE TABLE major_children (
	ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id),
	major_id BIGINT NOT NULL REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	linked_at {{time}} NOT NULL,
	linked_by TEXT NOT NULL
);
CREATE INDEX major_children_major ON major_children (major_id);

CREATE TABLE major_reviews (
	major_id BIGINT PRIMARY KEY REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	cause TEXT NOT NULL,
	lessons TEXT NOT NULL,
	reviewed_by TEXT NOT NULL,
	reviewed_at {{time}} NOT NULL
);
CREATE TABLE major_review_actions (
	id {{id}},
	major_id BIGINT NOT NULL REFERENCES major_incidents(id),
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	action TEXT NOT NULL,
	owner TEXT NOT NULL,
	due_on TEXT NOT NULL -- YYYY-MM-DD in the org's zone
);
CREATE INDEX major_review_actions_major ON major_review_actions (major_id);

CREATE TABLE maintenance_windows (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	service TEXT NOT NULL,
	sites TEXT NOT NULL DEFAULT '', -- one per line
	starts_at {{time}} NOT NULL,
	ends_at {{time}} NOT NULL,
	description TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at {{time}} NOT NULL
);
CREATE INDEX maintenance_windows_org ON maintenance_windows (org_id, ends_at, id);

-- E-mail subscriptions to one service of one org's status page. A
-- subscription counts once verified; last_notice_* damp repeated notices.
CREATE TABLE status_subscriptions (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	email TEXT NOT NULL,
	service TEXT NOT NULL, -- as typed; service_key matches it
	service_key TEXT NOT NULL,
	verified_at {{time}},
	last_notice_at {{time}},
	last_notice_phase TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	UNIQUE (org_id, email, service_key)
);
CREATE INDEX status_subscriptions_service ON status_subscriptions (org_id, service_key);

-- Links mailed to subscribers, stored only as hashes: "verify" expires,
-- "unsubscribe" (one per notice) lasts as long as the subscription.
CREATE TABLE status_tokens (
	token_hash TEXT PRIMARY KEY,
	subscription_id BIGINT NOT NULL REFERENCES status_subscriptions(id) ON DELETE CASCADE,
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	purpose TEXT NOT NULL,
	expires_at {{time}} NOT NULL
);
CREATE INDEX status_tokens_subscription ON status_tokens (subscription_id);
