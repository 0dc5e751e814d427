package api

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// updateOrg changes what may change of an org: its reference prefix, for
// now ({"ref_prefix": "ASHC"}). The org's tickets take the new prefix;
// their old references answer a redirect to the new ones.
func (a *API) updateOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body struct {
		RefPrefix string `json:"ref_prefix"`
	}
	if !decode(w, r, &body) {
		return
	}
	c, err := a.accounts.ChangeRefPrefix(r.Context(), p, org.ID, body.RefPrefix)
	a.reply(w, r, http.StatusOK, map[string]any{"org": c.Org, "previous_ref_prefix": c.Old, "tickets_renamed": c.Renamed}, err)
}
