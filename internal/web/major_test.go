package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestAMajorIncidentFromThePagesToTheStatusPage raises a major incident
// from the pages, keeps its timeline, and reads the council's status page
// as its officer, as another council's officer and as a visitor: behind
// sign-in until the council makes it public, and then with none of the
// staff's words, sites or ticket references. A visitor then subscribes,
// confirms through the mailed link (over SMTP) and hears of the resolution,
// which resolves the child ticket too.
func TestAMajorIncidentFromThePagesToTheStatusPage(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		h := a.base
		h.Services.Major.BaseURL = "https://ward.example"
		smtp := mailtest.Start(t)
		deliver := func() []mailtest.Message {
			t.Helper()
			before := len(smtp.Messages())
			if d, err := mailsvc.Deliver(context.Background(), h.Store, mailsvc.Config{Addr: smtp.Addr, From: "status@ward.example"}); err != nil || d.Failed != 0 {
				t.Fatalf("deliver: %+v %v", d, err)
			}
			return smtp.Messages()[before:]
		}
		admin := a.signedIn(t, "admin@abc-shared.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		other := a.signedIn(t, "it.officer@brentmere.example")
		visitor := a.browser()

		if res := do(t, visitor, "GET", a.http.URL+"/status/ashcombe", nil, nil); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin") {
			t.Fatalf("a visitor reached Ashcombe's private status page: %d %s", res.status, res.location)
		}
		if res := do(t, visitor, "GET", a.http.URL+"/status/no-such-council", nil, nil); res.status != http.StatusSeeOther {
			t.Errorf("an unknown council's page answered %d, not the sign-in a real one gets", res.status)
		}
		if res := do(t, other, "GET", a.http.URL+"/status/ashcombe", nil, nil); res.status != http.StatusNotFound {
			t.Errorf("Brentmere's officer read Ashcombe's private page: %d", res.status)
		}

		tickets := a.tickets["ashcombe"]
		parent, child := tickets[0], tickets[1]
		if child.State.Done() {
			child = storedOpenTicket(t, a, officer)
		}
		res := do(t, admin, "POST", a.http.URL+"/major", url.Values{"ticket": {parent.Ref}, "title": {"Housing system down"},
			"impacts": {"ashcombe: Housing: Marsh Lane Depot"}, "why": {"every housing officer"}, "staff_every": {"30"}}, nil)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/major/") {
			t.Fatalf("raise: %d %s\n%s", res.status, res.location, res.body)
		}
		page := a.http.URL + res.location
		for _, f := range []url.Values{
			{"audience": {"staff"}, "phase": {"identified"}, "body": {"Supplier Acme blames our firewall"}},
			{"audience": {"public"}, "body": {"We are fixing it"}},
		} {
			if res := do(t, agent, "POST", page+"/updates", f, nil); res.status != http.StatusSeeOther {
				t.Fatalf("update: %d\n%s", res.status, res.body)
			}
		}
		if res := do(t, agent, "POST", page+"/children", url.Values{"child": {child.Ref}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("link child: %d\n%s", res.status, res.body)
		}
		if res := do(t, officer, "POST", page+"/resolve", url.Values{"note": {"x"}}, nil); res.status != http.StatusForbidden {
			t.Errorf("an officer resolved a major incident: %d", res.status)
		}
		body := do(t, officer, "GET", page, nil, nil).body
		for _, want := range []string{"Housing system down", "Supplier Acme", child.Ref, "Marsh Lane Depot"} {
			if !strings.Contains(body, want) {
				t.Errorf("the incident's page lacks %q", want)
			}
		}
		if res := do(t, other, "GET", page, nil, nil); res.status != http.StatusNotFound {
			t.Errorf("Brentmere's officer read Ashcombe's major incident: %d", res.status)
		}
		staff := do(t, officer, "GET", a.http.URL+"/status/ashcombe", nil, nil)
		if staff.status != http.StatusOK || !strings.Contains(staff.body, "Supplier Acme") || !strings.Contains(staff.body, "Marsh Lane Depot") {
			t.Errorf("the staff's status page: %d", staff.status)
		}

		ash, _ := h.Store.OrgBySlug(context.Background(), tenancy.ForSystem(tenancy.JobTest), "ashcombe")
		public := major.DefaultSettings
		public.StatusPublic = true
		if err := h.Services.Major.SaveSettings(context.Background(), tenancy.Operator("cli:test"), ash.ID, public); err != nil {
			t.Fatal(err)
		}
		for who, c := range map[string]*http.Client{"a visitor": visitor, "Brentmere's officer": other} {
			res := do(t, c, "GET", a.http.URL+"/status/ashcombe", nil, nil)
			if res.status != http.StatusOK || !strings.Contains(res.body, "We are fixing it") || !strings.Contains(res.body, "Housing system down") {
				t.Fatalf("%s: the public page: %d", who, res.status)
			}
			for _, secret := range []string{"Supplier Acme", "Marsh Lane Depot", parent.Ref, child.Ref, "every housing officer", "agent@abc-shared"} {
				if strings.Contains(res.body, secret) {
					t.Errorf("%s: the public page shows %q", who, secret)
				}
			}
		}

		if res := do(t, visitor, "POST", a.http.URL+"/status/ashcombe/subscribe", url.Values{"email": {"pat@example.org"}, "service": {"Housing"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("subscribe: %d\n%s", res.status, res.body)
		}
		got := deliver()
		link := regexp.MustCompile(`https://ward\.example(/status/ashcombe/verify)\?token=([0-9a-f]{64})`)
		m := link.FindStringSubmatch(strings.Join(mailData(got), "\n"))
		if len(got) != 1 || m == nil {
			t.Fatalf("verification mail: %+v", got)
		}
		if res := do(t, visitor, "GET", a.http.URL+m[1]+"?token="+m[2], nil, nil); res.status != http.StatusOK || !strings.Contains(res.body, `value="`+m[2]+`"`) {
			t.Fatalf("the verify link's page: %d", res.status)
		}
		if res := do(t, visitor, "POST", a.http.URL+m[1], url.Values{"token": {m[2]}}, nil); res.status != http.StatusOK || !strings.Contains(res.body, "You will now receive e-mail about Housing") {
			t.Fatalf("verify: %d\n%s", res.status, res.body)
		}
		if res := do(t, admin, "POST", page+"/resolve", url.Values{"note": {"Housing is back"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("resolve: %d\n%s", res.status, res.body)
		}
		got = deliver()
		var notice []string
		for _, msg := range got {
			if msg.To[0] == "pat@example.org" {
				notice = append(notice, msg.Data)
			}
		}
		if len(notice) != 1 || !strings.Contains(notice[0], "Housing is back") || !strings.Contains(notice[0], "/status/ashcombe/unsubscribe?token=") {
			t.Fatalf("the subscriber's notice of the resolution: %q", notice)
		}
		if tk, _ := storedTicket(t, a, child.ID); tk.State != desk.Resolved {
			t.Errorf("the child ticket is %s after its parent was resolved", tk.State)
		}
	})
}

func mailData(list []mailtest.Message) []string {
	var out []string
	for _, m := range list {
		out = append(out, m.Data)
	}
	return out
}

// storedOpenTicket raises a fresh ticket as the officer, for a child.
func storedOpenTicket(t *testing.T, a *app, officer *http.Client) store.Ticket {
	t.Helper()
	res := do(t, officer, "POST", a.http.URL+"/tickets", url.Values{"type": {"incident"}, "title": {"Housing will not load"}, "impact": {"low"}, "urgency": {"low"}}, nil)
	tk, _ := storedTicket(t, a, ticketIDFrom(t, a, res.location))
	return tk
}
