package web

import (
	"context"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// homeHealth is the service's health panel on an administrator's home.
type homeHealth struct {
	Imports []healthImport
	// The mail outbox: mail waiting, mail that failed at least once, and
	// how long the oldest has waited ("" when none waits).
	Queued, Failed string
	OldestWait     string
	// The audit chain's end: how many entries were checked, and the fault
	// found, "" when none.
	Checked, Fault string
}

// healthImport is the last import of one kind, linked to every import of
// that kind in the audit log.
type healthImport struct {
	Label   string
	Href    string
	When    template.HTML // "" when there has been none
	Target  string
	Outcome string // the import's figures, as its audit entry keeps them
}

func (s *Server) homeHealthOf(ctx context.Context, rs *requestState) (*homeHealth, error) {
	h, err := s.accounts.Health(ctx, rs.principal)
	if err != nil {
		return nil, err
	}
	out := &homeHealth{Queued: thousands(h.Outbox.Queued), Failed: thousands(h.Outbox.Failed), Checked: thousands(int(h.Checked))}
	if !h.Outbox.Oldest.IsZero() {
		out.OldestWait = workingTime(s.now().Sub(h.Outbox.Oldest).Round(60e9))
	}
	if h.Break != nil {
		out.Fault = "entry " + strconv.FormatInt(h.Break.Seq, 10) + ": " + h.Break.Reason
	}
	for _, action := range accountsvc.ImportKinds {
		im := healthImport{Label: actionLabel(action), Href: "/admin/audit?" + url.Values{"action": {action}}.Encode()}
		if e := h.Imports[action]; e != nil {
			im.When, im.Target, im.Outcome = shortTime(e.At, london), e.Target, detailText(e.Detail)
		}
		out.Imports = append(out.Imports, im)
	}
	return out, nil
}

// actionLabel is an audit action in words, as the audit log's filter
// offers it.
func actionLabel(code string) string {
	for _, a := range audit.Actions {
		if a.Code == code {
			return a.Label
		}
	}
	return code
}

// detailText is an audit entry's detail as one line, its keys in order:
// "created 120, rejected_rows 2, rows 122".
func detailText(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strings.ReplaceAll(k, "_", " ") + " " + d[k]
	}
	return strings.Join(parts, ", ")
}
