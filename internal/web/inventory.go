package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// devicesPerPage is how many devices a page of the inventory shows.
const devicesPerPage = 50

// inventoryFilterKeys are the inventory's query parameters, kept by its
// page links and its CSV link.
var inventoryFilterKeys = []string{"kind", "os", "failing", "seen", "owner", "q"}

type inventoryRow struct {
	Name, Serial, Kind, OS, Owner, LastSeen string
	Failing                                 []string // what is wrong, one line per open finding
	FindingsLink                            string
}

type inventoryData struct {
	Links                        []deskLink
	Org                          accountsvc.Org
	Filter                       map[string]string
	Kinds, OSes, Failing, Seen   []choice
	Rows                         []inventoryRow
	Count                        string // "1,204 devices", or "more than 10,000 devices"
	FirstURL, NextURL, CSVURL    string
	PostureLink, AllFindingsLink string
}

// inventoryFilter reads the page's filters, refusing values ward does not know.
func (s *Server) inventoryFilter(q url.Values, org accountsvc.Org) (posturesvc.DeviceFilter, map[string]string, []fieldError) {
	form := map[string]string{}
	for _, k := range inventoryFilterKeys {
		form[k] = q.Get(k)
	}
	f, bad := httpin.DeviceFilter(q, s.now())
	var errs []fieldError
	for _, b := range bad {
		msg := map[string]string{"kind": "Choose a kind of device from the list", "os": "Choose an operating system from the list",
			"failing": "Choose a control from the list", "seen": "Choose when the device was last seen from the list",
			"cursor": "That page link has expired: start from the first page"}[b.Field]
		errs = append(errs, fieldError{b.Field, msg})
	}
	f.OrgID = org.ID
	return f, form, errs
}

// inventoryPage lists a council's devices, filtered by the query string and
// paged by key so a page deep in a large estate costs what the first does.
func (s *Server) inventoryPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, form, errs := s.inventoryFilter(q, org)
	data := inventoryDataOf(org, form, len(s.orgsInScope(rs)) > 1)
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "inventory", page{Errors: errs, Data: data})
		return
	}
	f.Limit = devicesPerPage
	pg, err := s.posture.Inventory(r.Context(), rs.principal, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	loc := zoneOf(org)
	for _, d := range pg.Devices {
		data.Rows = append(data.Rows, inventoryRowOf(org.Slug, d, loc))
	}
	data.Count = deviceCount(pg.Count)
	if !f.After.IsZero() {
		data.FirstURL = data.link("", "")
	}
	if !pg.Next.IsZero() {
		data.NextURL = data.link("", httpin.DeviceCursorText(pg.Next))
	}
	s.render(w, r, rs, http.StatusOK, "inventory", page{Data: data})
}

func inventoryDataOf(org accountsvc.Org, form map[string]string, multi bool) inventoryData {
	data := inventoryData{Links: postureLinks("", multi), Org: org, Filter: form, PostureLink: "/posture/" + org.Slug,
		AllFindingsLink: findingsLink("org", org.Slug, "kind", "device", "state", "open")}
	for _, t := range posture.DeviceTypes {
		data.Kinds = append(data.Kinds, choice{string(t), strings.ToUpper(string(t[:1])) + strings.ReplaceAll(string(t[1:]), "-", " ")})
	}
	for _, o := range posture.OSFamilies {
		data.OSes = append(data.OSes, choice{string(o), osLabel(o)})
	}
	data.Failing = []choice{{posturesvc.FailingAny, "Failing any control"}, {posturesvc.FailingNone, "Failing none"}}
	for _, c := range posture.ControlsFor(posture.DeviceSubject) {
		data.Failing = append(data.Failing, choice{c.ID, c.Failure})
	}
	data.Seen = []choice{{"week", "In the last 7 days"}, {"month", "In the last 30 days"}, {"stale", "Not for 30 days, or never"}}
	data.CSVURL = data.link(".csv", "")
	return data
}

// link is the inventory (suffix "" for the page, ".csv" for the export)
// with the current filters and, for a next page, its cursor.
func (d inventoryData) link(suffix, after string) string {
	v := url.Values{}
	for k, val := range d.Filter {
		if val != "" {
			v.Set(k, val)
		}
	}
	if after != "" {
		v.Set("cursor", after)
	}
	path := "/posture/" + d.Org.Slug + "/devices" + suffix
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func inventoryRowOf(slug string, d posturesvc.InventoryDevice, loc *time.Location) inventoryRow {
	dev := d.Device
	row := inventoryRow{Name: dev.Label(), Serial: dev.Serial, Kind: string(dev.Type), OS: osLabel(dev.OS), Owner: dev.PrimaryUser,
		LastSeen: "never", FindingsLink: findingsLink("org", slug, "subject", "device:"+strconv.FormatInt(d.ID, 10), "state", "open")}
	if dev.OSVersion != "" {
		row.OS += " " + dev.OSVersion
	}
	if !dev.LastSeen.IsZero() {
		row.LastSeen = localTime(dev.LastSeen, loc)
	}
	for _, c := range d.Failing {
		row.Failing = append(row.Failing, posture.FailureOf(c))
	}
	return row
}

func osLabel(o posture.OSFamily) string {
	return map[posture.OSFamily]string{posture.Windows: "Windows", posture.MacOS: "macOS", posture.IOS: "iOS", posture.IPadOS: "iPadOS",
		posture.Android: "Android", posture.Linux: "Linux", posture.ChromeOS: "ChromeOS", posture.OtherOS: "Other"}[o]
}

func deviceCount(n int) string {
	if n > posturesvc.DeviceCountCap {
		return "More than " + strconv.Itoa(posturesvc.DeviceCountCap) + " devices"
	}
	if n == 1 {
		return "1 device"
	}
	return strconv.Itoa(n) + " devices"
}

// inventoryCSV downloads every device the filters match, written as it is
// read; the export is audited before any of it is sent.
func (s *Server) inventoryCSV(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	f, _, errs := s.inventoryFilter(r.URL.Query(), org)
	if len(errs) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "The download's filters are not ones ward knows: go back to the inventory and choose them again.")
		return
	}
	out := &csvResponse{w: w, name: "devices-" + org.Slug + "-" + s.now().In(london).Format("2006-01-02") + ".csv"}
	if _, err := s.posture.ExportInventory(r.Context(), rs.principal, f, r.URL.RawQuery, out); err != nil {
		if !out.started {
			s.serverError(w, r, err) // answered by its kind: a refusal is a refusal page
			return
		}
		// Half a file has gone: all that is left is to say so in the log.
		s.log.Error("device export broke off", "path", r.URL.Path, "err", err)
	}
}

// csvResponse sends a CSV download's headers with its first bytes, so an
// export refused before it starts can still be answered with a page.
type csvResponse struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (c *csvResponse) Write(p []byte) (int, error) {
	if !c.started {
		c.started = true
		h := c.w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+c.name+`"`)
	}
	return c.w.Write(p)
}
