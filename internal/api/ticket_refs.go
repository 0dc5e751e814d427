package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ticketByReference finds the ticket /api/v1/tickets/{ref} names by its
// whole reference (ASH-INC-10003) in any org of the token's scope, or by the
// internal number the web's old links used; 404 outside the scope.
func (a *API) ticketByReference(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (accountsvc.Org, desksvc.Ticket, bool) {
	ref := r.PathValue("ref")
	var t desksvc.Ticket
	var err error
	if id, bad := strconv.ParseInt(ref, 10, 64); bad == nil {
		t, _, err = a.desk.Ticket(r.Context(), p, id)
	} else {
		t, _, err = a.desk.TicketByReference(r.Context(), p, ref)
		if desksvc.IsNotFound(err) && a.redirectRenamed(w, r, p, 0, "/api/v1/tickets/") {
			return accountsvc.Org{}, t, false
		}
	}
	if err == nil {
		var org accountsvc.Org
		if org, err = a.accounts.OrgByID(r.Context(), p, t.OrgID); err == nil {
			return org, t, true
		}
	}
	a.fail(w, r, notFoundAs(err, "no ticket %s that this token can see", ref))
	return accountsvc.Org{}, t, false
}

// getTicketByReference answers the ticket; asked for by number, it answers
// a permanent redirect to its reference instead.
func (a *API) getTicketByReference(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, t, ok := a.ticketByReference(w, r, p)
	if !ok {
		return
	}
	if r.PathValue("ref") != t.Ref {
		if _, err := strconv.ParseInt(r.PathValue("ref"), 10, 64); err == nil {
			to := "/api/v1/tickets/" + url.PathEscape(t.Ref)
			w.Header().Set("Location", to)
			writeJSON(w, http.StatusPermanentRedirect, map[string]string{"location": to})
			return
		}
	}
	a.showTicket(w, r, p, org, t, http.StatusOK)
}

func (a *API) addTicketEventByReference(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, t, ok := a.ticketByReference(w, r, p); ok {
		a.changeTicket(w, r, p, org, t)
	}
}

// redirectRenamed answers a reference from before its org changed its
// prefix with a permanent redirect (308: the method and body kept) to the
// same route under the reference now, after the token's own scoped read;
// false when it is no such reference of a ticket the token may see, which
// the caller answers 404. base is the route up to the reference.
func (a *API) redirectRenamed(w http.ResponseWriter, r *http.Request, p tenancy.Principal, orgID int64, base string) bool {
	old := r.PathValue("ref")
	t, err := a.desk.RenamedTicket(r.Context(), p, orgID, old)
	if err != nil {
		return false
	}
	to := base + url.PathEscape(t.Ref) + strings.TrimPrefix(r.URL.Path, base+old)
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	writeJSON(w, http.StatusPermanentRedirect, map[string]string{"location": to})
	return true
}
