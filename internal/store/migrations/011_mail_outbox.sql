-- E-mail waiting to go. A change and the mail it causes are written in one
-- transaction; a sender (any replica) claims due rows and sends them, so a
-- mail server being down delays mail but never loses it or the change.
CREATE TABLE mail_outbox (
	id {{id}},
	to_address TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '', -- what caused it, e.g. "advisory 12"
	created_at {{time}} NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at {{time}} NOT NULL,
	sent_at {{time}},
	last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at);
