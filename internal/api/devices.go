package api

import (
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// deviceDoc is one device of the inventory as the API shows it.
type deviceDoc struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Serial      string    `json:"serial"`
	Kind        string    `json:"kind"`
	Ownership   string    `json:"ownership"`
	OS          string    `json:"os"`
	OSVersion   string    `json:"os_version"`
	Model       string    `json:"model"`
	PrimaryUser string    `json:"primary_user"`
	LastSeen    time.Time `json:"last_seen,omitzero"`
	Managed     bool      `json:"managed"`
	Sources     []string  `json:"sources"`
	Failing     []failing `json:"failing"`
}

type failing struct {
	Control string `json:"control"`
	Failure string `json:"failure"`
}

func docOfDevice(d posturesvc.InventoryDevice) deviceDoc {
	v := d.Device
	doc := deviceDoc{ID: d.ID, Name: v.Name, Serial: v.Serial, Kind: string(v.Type), Ownership: string(v.Ownership), OS: string(v.OS),
		OSVersion: v.OSVersion, Model: v.Model, PrimaryUser: v.PrimaryUser, LastSeen: v.LastSeen, Managed: v.Managed,
		Sources: append([]string{}, v.Sources...), Failing: []failing{}}
	for _, c := range d.Failing {
		doc.Failing = append(doc.Failing, failing{Control: c, Failure: posture.FailureOf(c)})
	}
	return doc
}

// listDevices pages through an org's device inventory by key: each answer
// carries next, the cursor to pass as after for the following page (empty
// on the last). format=csv streams every matching device instead, audited.
func (a *API) listDevices(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, bad := httpin.DeviceFilter(q, a.now())
	limit, badLimit := httpin.Limit(q, 1000)
	format, badFormat := httpin.Format(q, "json", "csv")
	if a.badQuery(w, r, bad, badLimit, badFormat) {
		return
	}
	f.OrgID = org.ID
	ctx := r.Context()
	if format == "csv" {
		out := &startedWriter{w: w, name: "devices-" + org.Slug + ".csv"}
		if _, err := a.posture.ExportInventory(ctx, p, f, r.URL.RawQuery, out); err != nil {
			if !out.started {
				a.fail(w, r, err)
				return
			}
			a.log.Error("device export broke off", "path", r.URL.Path, "err", err) // the body simply ends
		}
		return
	}
	f.Limit = limit
	if f.Limit == 0 {
		f.Limit = 100
	}
	pg, err := a.posture.Inventory(ctx, p, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	docs := make([]deviceDoc, len(pg.Devices))
	for i, d := range pg.Devices {
		docs[i] = docOfDevice(d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"devices": docs, "count": pg.Count, "count_capped": pg.Count > posturesvc.DeviceCountCap,
		"limit": f.Limit, "next": httpin.DeviceCursorText(pg.Next)})
}

// startedWriter sends a CSV download's headers with its first bytes, so an
// export refused before it starts is still answered as a problem.
type startedWriter struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (s *startedWriter) Write(p []byte) (int, error) {
	if !s.started {
		s.started = true
		s.w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		s.w.Header().Set("Content-Disposition", `attachment; filename="`+s.name+`"`)
	}
	return s.w.Write(p)
}
