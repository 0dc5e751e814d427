-- Files attached to tickets, kept in the database beside the ticket: they
-- are written in the same transaction as the ticket and its audit entry,
-- go into `ward backup` with everything else, and are read through the
-- same org scope as the ticket. The service caps their size (10 MiB each
-- by default), so rows stay modest on both engines.
CREATE TABLE ticket_attachments (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	file_name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL, -- hex, so people can check a download against it
	content {{bytes}} NOT NULL,
	uploaded_by TEXT NOT NULL DEFAULT '',
	uploaded_at {{time}} NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, id);

-- An org's own wording for the e-mails its callers get; a kind with no row
-- here uses ward's default wording.
CREATE TABLE mail_templates (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	updated_at {{time}} NOT NULL,
	updated_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, kind)
);
