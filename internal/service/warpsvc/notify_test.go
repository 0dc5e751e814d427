package warpsvc_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestMailGoesOnlyWhereTheMarkingReaches publishes under each marking and
// delivers the outbox to a real SMTP conversation: each advisory's mail
// reaches exactly the people who may read it, never its author, and
// AMBER+STRICT and RED mail carries neither title nor summary.
func TestMailGoesOnlyWhereTheMarkingReaches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.svc.Notify, w.svc.BaseURL = true, "https://ward.example/"
		smtp := mailtest.Start(t)
		ann := w.p("ann@ashcombe.example")
		cases := []struct {
			spec warpsvc.ShareSpec
			to   []string
		}{
			{warpsvc.ShareSpec{TLP: "GREEN"}, []string{"ann@brentmere.example", "ann@wessex-nhs.example", "bob@ashcombe.example",
				"bob@brentmere.example", "bob@wessex-nhs.example", "sam@shared.example"}},
			// The author's colleagues see what their org shares.
			{warpsvc.ShareSpec{TLP: "AMBER", Orgs: []string{"brentmere"}}, []string{"ann@brentmere.example", "bob@ashcombe.example", "bob@brentmere.example"}},
			{warpsvc.ShareSpec{TLP: "AMBER+STRICT", Orgs: []string{"ashcombe"}}, []string{"bob@ashcombe.example"}},
			{warpsvc.ShareSpec{TLP: "RED", People: []string{"bob@wessex-nhs.example"}}, []string{"bob@wessex-nhs.example"}},
		}
		for _, c := range cases {
			c.spec.Community = "south-west"
			title := "Secret-title-" + c.spec.TLP
			if _, err := w.svc.Publish(ctx, ann, warpsvc.NewAdvisory{ShareSpec: c.spec, Title: title, Summary: "summary-" + c.spec.TLP}); err != nil {
				t.Fatal(err)
			}
			d, err := mailsvc.Deliver(ctx, st, mailsvc.Config{Addr: smtp.Addr, From: "warp@ward.example"})
			if err != nil || d.Failed != 0 {
				t.Fatalf("deliver: %+v %v", d, err)
			}
		}
		// Check per advisory from the outbox, which says which advisory each mail is about.
		out, err := st.Outbox(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		byReason := map[string][]string{}
		for _, m := range out {
			if m.SentAt == nil {
				t.Errorf("mail to %s not sent: %s", m.To, m.LastError)
			}
			byReason[m.Reason] = append(byReason[m.Reason], m.To)
			if strings.Contains(m.Subject, "AMBER+STRICT") || strings.Contains(m.Subject, "RED") {
				if strings.Contains(m.Subject+m.Body, "Secret-title") || strings.Contains(m.Body, "summary-") {
					t.Errorf("a %s mail carries the advisory's words: %s / %s", m.Subject, m.Subject, m.Body)
				}
			}
		}
		advisories, _ := w.svc.Advisories(ctx, ann, warpsvc.AdvisoryQuery{})
		for _, c := range cases {
			var id int64
			for _, a := range advisories {
				if a.Title == "Secret-title-"+c.spec.TLP {
					id = a.ID
				}
			}
			got := byReason["advisory "+itoa(id)]
			slices.Sort(got)
			if !slices.Equal(got, c.to) {
				t.Errorf("%s mail went to %v, want %v", c.spec.TLP, got, c.to)
			}
		}
		msgs := smtp.Messages()
		if len(msgs) != len(out) {
			t.Fatalf("the SMTP server received %d messages for %d in the outbox", len(msgs), len(out))
		}
		for _, m := range msgs {
			if len(m.To) != 1 || m.From != "warp@ward.example" || !strings.Contains(m.Data, "To: "+m.To[0]+"\r\n") ||
				!strings.Contains(m.Data, "https://ward.example/warp/advisories/") {
				t.Errorf("a delivered message is not addressed as queued: %+v", m)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
