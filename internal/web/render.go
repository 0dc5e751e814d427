package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/templates"
)

// page is what every template receives; Data carries the page's own values.
type page struct {
	User     *userView
	Nav      []navItem
	Switcher []orgOption
	OrgName  string
	Errors   []fieldError
	Flash    string
	Version  string
	Data     any
	// Wide pages are tables of data: their content uses the whole width of
	// the window rather than GOV.UK's 960 px column (see widePages).
	Wide bool
}

// widePages are the data pages, whose tables need more than 960 px.
var widePages = map[string]bool{"tickets": true, "findings": true, "desk": true, "audit": true, "orgs": true,
	"users": true, "tokens": true, "posture": true, "posture_org": true, "identity_paths": true, "report_sla": true,
	"warp": true, "warp_indicators": true, "warp_sightings": true, "training": true, "training_org": true}

type userView struct{ Name, RoleLabel string }
type navItem struct {
	Label, Href string
	Active      bool
}
type orgOption struct {
	Slug, Name string
	Selected   bool
}
type fieldError struct{ Field, Message string }

type pages struct{ byName map[string]*template.Template }

var funcs = template.FuncMap{
	"ticketPath": ticketPath,
	// short is a time in a table cell (see shortTime), in London.
	"short": func(t time.Time) template.HTML { return shortTime(t, london) },
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(london).Format("2 Jan 2006 15:04")
	},
	"roleLabel": func(r tenancy.Role) string { return r.Label() },
	// lines splits text people typed into lines, to show with <br>
	// between them (the CSP allows no style attribute to keep them).
	"lines": func(s string) []string {
		return strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	},
	"kindLabel":    func(k tenancy.OrgKind) string { return k.Label() },
	"fieldLabel":   posture.FieldLabel,
	"channelLabel": channelLabel,
	"pct":          func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" },
	"hours":        func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
	"filter":       newFilterSelect,
	"field":        newField,
	"group":        newGroup,
	"choices":      newChoices,
	"pages":        newPagination,
	// counts hands a titled list of counts to the report-counts template.
	"counts": func(title, id string, rows []report.Count) map[string]any {
		return map[string]any{"Title": title, "ID": id, "Rows": rows}
	},
}

var london = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// loadPages parses each page file with the shared layout and partials, once,
// at start-up, so a broken template stops ward starting rather than failing
// a user later.
func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	files, err := fs.Glob(templates.FS, "page_*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		t, err := template.New("layout").Funcs(funcs).ParseFS(templates.FS, "layout.html", "partials.html", "tables.html", "fields.html", f)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", f, err)
		}
		p.byName[strings.TrimSuffix(strings.TrimPrefix(f, "page_"), ".html")] = t
	}
	return p, nil
}

// render writes a page. It renders into a buffer first so that a template
// error becomes a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, rs *requestState, status int, name string, pg page) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	pg.Version = s.cfg.Version
	pg.Wide = widePages[name]
	// Only a completed sign-in gets the account header and menu; mid-way
	// through, there is nowhere else to go.
	if rs != nil && rs.principal.Actor != "" {
		s.decorate(r, rs, &pg)
	}
	if pg.Flash == "" {
		pg.Flash = s.takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pg); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// decorate adds the signed-in chrome: who you are, the menu your role
// allows, and the org switcher when you can see more than one org.
func (s *Server) decorate(r *http.Request, rs *requestState, pg *page) {
	pg.User = &userView{Name: rs.user.Name, RoleLabel: rs.user.Role.Label()}
	role := rs.user.Role
	// An item is active on its own page, the pages under it, and the
	// sections it stands for (the desk covers /desk and /tickets).
	add := func(label, href string, show bool, sections ...string) {
		if !show {
			return
		}
		active := r.URL.Path == href
		for _, sec := range append(sections, href) {
			if sec != "/" && (r.URL.Path == sec || strings.HasPrefix(r.URL.Path, sec+"/")) {
				active = true
			}
		}
		pg.Nav = append(pg.Nav, navItem{Label: label, Href: href, Active: active})
	}
	add("Home", "/", true)
	// Desk staff land on the dashboard; officers on their tickets.
	if role.Can(tenancy.WorkTickets) {
		add("Service desk", "/desk", true, "/tickets")
	} else {
		add("Service desk", "/tickets", role.Can(tenancy.RaiseTickets))
	}
	// Desk staff run major incidents and plan maintenance; officers reach
	// them from their status page instead.
	add("Major incidents", "/major", role.Can(tenancy.WorkTickets) || role.Can(tenancy.ManageDesk), "/maintenance")
	add("People", "/people", role.Can(tenancy.ViewPeople))
	add("Posture", "/posture", role.Can(tenancy.ViewPosture), "/findings")
	add("Identity", "/identity", role.Can(tenancy.ViewPosture))
	add("Policies", "/policies", role.Can(tenancy.ViewAwareness))
	add("Training", "/training", role.Can(tenancy.ViewAwareness))
	add("Phishing", "/phishing", role.Can(tenancy.ViewAwareness))
	add("WARP", "/warp", role.Can(tenancy.ShareWarnings))
	add("Reports", "/reports/sla", role.Can(tenancy.ViewReports) || role.Can(tenancy.WorkTickets), "/reports")
	add("Organisations", "/orgs", role.Can(tenancy.ViewOrgs))
	add("Users", "/admin/users", role.Can(tenancy.ManageUsers))
	add("API tokens", "/admin/tokens", role.Can(tenancy.ManageTokens))
	add("Audit log", "/admin/audit", role.Can(tenancy.ViewAudit))
	add("Settings", "/settings", role.Can(tenancy.ManageDesk) || role.Can(tenancy.ManagePosture))
	if len(rs.orgs) > 1 {
		for _, o := range rs.orgs {
			pg.Switcher = append(pg.Switcher, orgOption{Slug: o.Slug, Name: o.Name, Selected: rs.active != nil && rs.active.ID == o.ID})
		}
	}
	switch {
	case rs.active != nil:
		pg.OrgName = rs.active.Name
	case len(rs.orgs) == 1:
		pg.OrgName = rs.orgs[0].Name
	}
}

const flashCookie = "ward_flash"

// flash leaves a one-line message for the next page shown, across a
// redirect after a successful form.
func (s *Server) flash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
	msg, _ := url.QueryUnescape(c.Value)
	return truncate(msg, 300)
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	s.render(w, r, stateFrom(r), status, "error", page{Data: map[string]any{"Status": status, "Title": errorTitle(status), "Message": message}})
}

// errorTitle words a status the way GOV.UK services do.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusForbidden:
		return "You do not have access to this page"
	case http.StatusUnauthorized:
		return "You could not be signed in"
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusConflict:
		return "There is a problem"
	}
	return http.StatusText(status)
}

// serverError logs what went wrong and shows the user only that it did. A
// service's fault that reaches it is answered by its kind instead (as
// refused does), so no handler turns a not-found into a 500.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if fault.KindOf(err) != fault.KindInternal {
		s.refused(w, r, err)
		return
	}
	if r.Context().Err() != nil {
		// The client went away and the handler failed for it: not ward's
		// failure, and nobody to answer (observe logs it as 499).
		s.log.Debug("request abandoned by the client", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	t := s.pages.byName["error"]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if t == nil || t.ExecuteTemplate(w, "layout", page{Version: s.cfg.Version, Data: map[string]any{"Status": 500, "Title": "Sorry, there is a problem with ward", "Message": "Try again later. If it keeps happening, tell the shared service desk."}}) != nil {
		_, _ = w.Write([]byte("Internal server error"))
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if stateFrom(r) == nil {
		// An unmatched path has no guard; look up a signed-in user so the page
		// keeps its header and a way to sign out.
		if sess, u, err := s.loadSession(r); err == nil && sess.Stage == authsvc.StageFull {
			rs := &requestState{session: sess, user: u}
			if s.loadScope(r, rs) == nil {
				r = r.WithContext(context.WithValue(r.Context(), stateKey{}, rs))
			}
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "If you typed the web address, check it is correct.")
}
