-- The home's figures and the lists they link to: the tickets resolved in a
-- day or a month, and the open tickets nearing breach by their resolution
-- deadline (a partial index, its condition spelled as store.openStates, so
-- the many resolved tickets that breached are never read for it).
CREATE INDEX tickets_by_resolved ON tickets (org_id, resolved_at);
CREATE INDEX tickets_open_by_deadline ON tickets (org_id, deadline_at, id)
	WHERE state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change');
-- The administrator's home reads the mail still waiting in the outbox.
CREATE INDEX mail_outbox_unsent ON mail_outbox (created_at) WHERE sent_at IS NULL;
-- An advisory a member has opened is no longer unread for them, though
-- only "Mark as read" (warp_acks) tells its author they have read it.
CREATE TABLE warp_opens (
	advisory_id BIGINT NOT NULL REFERENCES warp_advisories(id),
	user_id BIGINT NOT NULL REFERENCES users(id),
	opened_at {{time}} NOT NULL,
	PRIMARY KEY (advisory_id, user_id)
);
