-- Signed webhook calls already accepted, so that a repeat of the same signed
-- request (a retry, or a replay of a captured one) writes nothing. A call is
-- known by its signature, which covers its timestamp and whole body. The row
-- is written in the transaction that records what the call did; ticket_id is
-- the answer a repeat gets. Rows whose signed_at is older than twice the
-- signature window are pruned: such a call is refused as stale before this
-- table is read.
CREATE TABLE webhook_calls (
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	hook TEXT NOT NULL,
	signature TEXT NOT NULL,
	signed_at {{time}} NOT NULL,
	received_at {{time}} NOT NULL,
	ticket_id BIGINT REFERENCES tickets(id),
	PRIMARY KEY (org_id, hook, signature)
);
CREATE INDEX webhook_calls_signed ON webhook_calls (org_id, hook, signed_at);
