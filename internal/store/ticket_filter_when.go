package store

import "errors"

// errBreachUnset is a filter asking for tickets near breach that nobody
// turned into instants: a mistake in the caller, not the user's.
var errBreachUnset = errors.New("store: TicketFilter.BreachWithin set without BreachBy")

// whenConditions are the filter's resolution conditions, which every org
// shares.
func (f TicketFilter) whenConditions(where []string, args []any) ([]string, []any) {
	if !f.ResolvedFrom.IsZero() {
		where, args = append(where, "resolved_at >= ?"), append(args, f.ResolvedFrom.UTC())
	}
	if !f.ResolvedTo.IsZero() {
		where, args = append(where, "resolved_at < ?"), append(args, f.ResolvedTo.UTC())
	}
	if f.Resolution != "" {
		where, args = append(where, "resolution_status = ?"), append(args, string(f.Resolution))
	}
	return where, args
}

// orgConditions adds to one org's conditions those that depend on the org:
// the instant its tickets near breach by, from its own working calendar. A
// paused or met clock keeps no deadline, so such a ticket is never near
// breach; the open states read migration 023's partial index.
func (f TicketFilter) orgConditions(org int64, where []string, args []any) ([]string, []any, error) {
	if f.BreachWithin <= 0 {
		return where, args, nil
	}
	if f.BreachBy == nil {
		return nil, nil, errBreachUnset
	}
	by, err := f.BreachBy(org)
	if err != nil {
		return nil, nil, err
	}
	where = append(append([]string(nil), where...), openStates, "deadline_at < ?")
	args = append(append([]any(nil), args...), by.UTC())
	return where, args, nil
}

// orgsConditions is orgConditions for a query over several orgs at once:
// each org's own condition, joined by OR.
func (f TicketFilter) orgsConditions(orgs []int64, where []string, args []any) ([]string, []any, error) {
	if f.BreachWithin <= 0 {
		return where, args, nil
	}
	if len(orgs) == 0 {
		return append(where, "1 = 0"), args, nil
	}
	var or string
	for i, org := range orgs {
		w, a, err := f.orgConditions(org, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		if i > 0 {
			or += " OR "
		}
		or += "(org_id = ? AND " + w[0] + " AND " + w[1] + ")"
		args = append(append(args, org), a...)
	}
	return append(where, "("+or+")"), args, nil
}
