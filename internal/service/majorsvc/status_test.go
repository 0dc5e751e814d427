package majorsvc_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestTheStatusPageNeedsSignInUnlessPublicAndLeaksNothing: a council's page
// is for its staff until it is made public; the public view shows titles,
// services, phases and public updates, and none of the staff's words,
// sites or maintenance descriptions.
func TestTheStatusPageNeedsSignInUnlessPublicAndLeaksNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		tk := w.ticket(t, w.ash, "Housing system down", "Housing", desk.P1)
		m, err := w.major.Raise(ctx, w.manager, majorsvc.Raise{TicketID: tk.ID, Impacts: []major.Impact{{Service: "Housing", Site: "Secret Depot"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []majorsvc.NewUpdate{
			{Audience: major.Staff, Body: "Supplier Acme blames our firewall"},
			{Audience: major.Public, Phase: major.Identified, Body: "We know the cause and are fixing it"},
		} {
			if _, err := w.major.PostUpdate(ctx, w.agent, m.ID, u); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.major.AddMaintenance(ctx, w.manager, majorsvc.NewMaintenance{OrgID: w.ash.ID, Service: "Email",
			Sites: []string{"Civic Centre"}, Starts: w.now.Add(24 * time.Hour), Ends: w.now.Add(26 * time.Hour),
			Description: "Exchange patching by contractor Bob"}); err != nil {
			t.Fatal(err)
		}
		for _, slug := range []string{"ashcombe", "no-such-council"} {
			if _, err := w.major.Status(ctx, nil, slug); err != majorsvc.ErrSignIn {
				t.Errorf("%s seen without sign-in: %v", slug, err)
			}
		}
		if _, err := w.major.Status(ctx, &w.brdOffice, "ashcombe"); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("Bradwell's officer saw Ashcombe's private page: %v", err)
		}
		staff, err := w.major.Status(ctx, &w.officer, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		if staff.Public || len(staff.Incidents) != 1 || len(staff.Incidents[0].Updates) != 2 || len(staff.Maintenance) != 1 ||
			staff.Maintenance[0].Description == "" || len(staff.Incidents[0].Sites) != 1 {
			t.Errorf("staff view: %+v", staff)
		}
		st := major.DefaultSettings
		st.StatusPublic = true
		if err := w.major.SaveSettings(ctx, w.manager, w.ash.ID, st); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"nobody", "Bradwell"} {
			p := &w.brdOffice
			if who == "nobody" {
				p = nil
			}
			pub, err := w.major.Status(ctx, p, "ashcombe")
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join([]string{pub.Incidents[0].Title, pub.Incidents[0].Updates[0].Body}, "|")
			if !pub.Public || len(pub.Incidents) != 1 || len(pub.Incidents[0].Updates) != 1 || !strings.Contains(all, "fixing it") ||
				pub.Incidents[0].Services[0] != "Housing" || pub.Incidents[0].Phase != major.Identified {
				t.Errorf("%s: public view %+v", who, pub)
			}
			leaked := jsonOf(t, pub)
			for _, secret := range []string{"Acme", "Secret Depot", "contractor Bob", "Civic Centre", "agent@test", tk.Ref} {
				if strings.Contains(leaked, secret) {
					t.Errorf("%s: the public view shows %q: %s", who, secret, leaked)
				}
			}
		}
	})
}

var tokenLink = regexp.MustCompile(`https://ward\.example/status/ashcombe/(verify|unsubscribe)\?token=([0-9a-f]{64})`)

// TestSubscribersAreVerifiedDampedAndCanUnsubscribe follows one address
// from subscribing to leaving, delivering each mail over SMTP: nothing is
// sent before the address is verified, a quick second update is damped,
// the resolution always gets through, and the unsubscribe link in a
// notice ends it.
func TestSubscribersAreVerifiedDampedAndCanUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		st := major.DefaultSettings
		st.StatusPublic = true // 30 minutes between notices
		if err := w.major.SaveSettings(ctx, w.manager, w.ash.ID, st); err != nil {
			t.Fatal(err)
		}
		smtp := mailtest.Start(t)
		deliver := func() []mailtest.Message {
			t.Helper()
			before := len(smtp.Messages())
			if d, err := mailsvc.Deliver(ctx, s, mailsvc.Config{Addr: smtp.Addr, From: "status@ward.example"}); err != nil || d.Failed != 0 {
				t.Fatalf("deliver: %+v %v", d, err)
			}
			return smtp.Messages()[before:]
		}
		link := func(msg mailtest.Message, kind string) string {
			t.Helper()
			for _, m := range tokenLink.FindAllStringSubmatch(msg.Data, -1) {
				if m[1] == kind {
					return m[2]
				}
			}
			t.Fatalf("no %s link in\n%s", kind, msg.Data)
			return ""
		}
		if err := w.major.Subscribe(ctx, nil, "ashcombe", "not an address", ""); len(fault.All(err)) != 2 {
			t.Errorf("a bad address and no service: %v, want both named", err)
		}
		if err := w.major.Subscribe(ctx, nil, "ashcombe", "Pat@Example.org", "Housing"); err != nil {
			t.Fatal(err)
		}
		if err := w.major.Subscribe(ctx, nil, "ashcombe", "pat@example.org", "housing"); err != nil {
			t.Fatal(err) // asked twice at once: the same answer, one mail
		}
		got := deliver()
		if len(got) != 1 || got[0].To[0] != "pat@example.org" {
			t.Fatalf("verification mail: %+v", got)
		}
		verify := link(got[0], "verify")
		raise := func(title string) majorsvc.Incident {
			tk := w.ticket(t, w.ash, title, "Housing", desk.P1)
			m, err := w.major.Raise(ctx, w.manager, majorsvc.Raise{TicketID: tk.ID})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		first := raise("Housing down")
		if got := deliver(); len(got) != 0 {
			t.Fatalf("an unverified address was mailed: %+v", got)
		}
		if _, err := w.major.Verify(ctx, strings.Repeat("0", 64)); err == nil {
			t.Error("a made-up token verified")
		}
		if a, err := w.major.Verify(ctx, verify); err != nil || a.Service != "Housing" {
			t.Fatalf("verify: %+v %v", a, err)
		}
		if _, err := w.major.Verify(ctx, verify); err == nil {
			t.Error("a verification link worked twice")
		}
		post := func(body string) {
			t.Helper()
			if _, err := w.major.PostUpdate(ctx, w.agent, first.ID, majorsvc.NewUpdate{Audience: major.Public, Body: body}); err != nil {
				t.Fatal(err)
			}
		}
		post("Engineers are on it")
		if got := deliver(); len(got) != 1 || !strings.Contains(got[0].Data, "Engineers are on it") {
			t.Fatalf("first notice: %+v", got)
		}
		w.advance(10 * time.Minute)
		post("Still working on it")
		if got := deliver(); len(got) != 0 {
			t.Fatalf("a notice 10 minutes after the last was not damped: %+v", got)
		}
		if _, err := w.major.PostUpdate(ctx, w.agent, first.ID, majorsvc.NewUpdate{Audience: major.Staff, Body: "internal"}); err != nil {
			t.Fatal(err)
		}
		w.advance(5 * time.Minute)
		if _, err := w.major.Resolve(ctx, w.manager, first.ID, "Housing is back"); err != nil {
			t.Fatal(err)
		}
		got = deliver()
		if len(got) != 1 || !strings.Contains(got[0].Data, "Housing is back") || !strings.Contains(got[0].Data, "Subject: [Resolved]") {
			t.Fatalf("the resolution must get through the damping: %+v", got)
		}
		unsubscribe := link(got[0], "unsubscribe")
		if _, err := w.major.Unsubscribe(ctx, unsubscribe); err != nil {
			t.Fatal(err)
		}
		w.advance(time.Hour)
		raise("Housing down again")
		if got := deliver(); len(got) != 0 {
			t.Fatalf("mailed after unsubscribing: %+v", got)
		}

		// A verification link not followed in time is refused.
		if err := w.major.Subscribe(ctx, nil, "ashcombe", "sam@example.org", "Housing"); err != nil {
			t.Fatal(err)
		}
		late := link(deliver()[0], "verify")
		w.advance(majorsvc.VerifyFor + time.Minute)
		if _, err := w.major.Verify(ctx, late); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("an expired verification link: %v", err)
		}
	})
}
