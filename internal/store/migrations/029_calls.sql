-- Each call's life, for the telephony figures: phone_calls knew only when a
-- call started, was answered and ended, and every call had to have a ticket.
-- calls keeps the queue it waited in, who answered, a transfer and an
-- abandonment, and may have no ticket (a call log imported for past figures,
-- or an agent has yet to link it). The webhook's calls move across whole.
CREATE TABLE calls (
	id {{id}},
	org_id BIGINT NOT NULL REFERENCES orgs(id),
	call_id TEXT NOT NULL,
	-- where the call was learned of: 'webhook' or 'import'
	source TEXT NOT NULL DEFAULT 'webhook',
	ticket_id BIGINT REFERENCES tickets(id),
	caller_number TEXT NOT NULL DEFAULT '',
	person_id BIGINT REFERENCES people(id),
	queue TEXT NOT NULL DEFAULT '',
	agent TEXT NOT NULL DEFAULT '',
	-- queued, answered, transferred, abandoned or ended
	state TEXT NOT NULL,
	queued_at {{time}} NOT NULL,
	answered_at {{time}},
	transferred_at {{time}},
	abandoned_at {{time}},
	ended_at {{time}},
	-- figure_key packs what the telephony figures count (queued at, answered,
	-- abandoned, transferred, seconds in the queue) into one integer, so the
	-- report reads one narrow index entry a call (see report/telephony_key.go).
	figure_key BIGINT NOT NULL DEFAULT 0,
	UNIQUE (org_id, call_id)
);
INSERT INTO calls (org_id, call_id, source, ticket_id, caller_number, person_id, state, queued_at, answered_at, abandoned_at, ended_at)
SELECT c.org_id, c.call_id, 'webhook', c.ticket_id, c.caller_number, c.person_id,
	CASE WHEN c.ended_at IS NOT NULL AND c.answered_at IS NULL THEN 'abandoned'
		WHEN c.ended_at IS NOT NULL THEN 'ended' WHEN c.answered_at IS NOT NULL THEN 'answered' ELSE 'queued' END,
	COALESCE(c.started_at, c.answered_at, c.ended_at, t.opened_at), c.answered_at,
	CASE WHEN c.answered_at IS NULL THEN c.ended_at END, c.ended_at
FROM phone_calls c JOIN tickets t ON t.id = c.ticket_id;
DROP TABLE phone_calls;
-- The figures read a period of one org's calls from this index alone: the
-- key begins with the time queued, so this is the org's calls in time
-- order, a period being one range of keys.
CREATE INDEX calls_figures ON calls (org_id, figure_key);
-- A ticket's calls, for the first-time fix rule and the ticket's page.
CREATE INDEX calls_by_ticket ON calls (ticket_id);
-- First-time fix by agent reads only answered calls with a ticket, a third
-- of the calls or fewer, from this index alone, grouped in its order.
CREATE INDEX calls_answered_with_ticket ON calls (org_id, agent, figure_key)
	WHERE ticket_id IS NOT NULL AND answered_at IS NOT NULL;
