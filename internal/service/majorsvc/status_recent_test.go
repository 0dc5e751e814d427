package majorsvc_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestStaffSeeThisWeeksResolvedIncidents: the staff view of the status page
// keeps a major incident for 7 days after it is resolved, marked with when;
// the public view shows only what is wrong now.
func TestStaffSeeThisWeeksResolvedIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		raise := func(title, service string) majorsvc.Incident {
			tk := w.ticket(t, w.ash, title, service, desk.P1)
			m, err := w.major.Raise(ctx, w.manager, majorsvc.Raise{TicketID: tk.ID, Impacts: []major.Impact{{Service: service}}})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		resolve := func(m majorsvc.Incident) {
			if _, err := w.major.Resolve(ctx, w.manager, m.ID, "Fixed"); err != nil {
				t.Fatal(err)
			}
		}
		resolve(raise("Old outage", "Email"))
		w.advance(8 * 24 * time.Hour)
		recent := raise("Recent outage", "Payroll")
		w.advance(time.Hour)
		resolve(recent)
		raise("Current outage", "Housing")

		staff, err := w.major.Status(ctx, &w.officer, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{} // title: resolved
		for _, e := range staff.Incidents {
			got[e.Title] = e.ResolvedAt != nil
		}
		if len(got) != 2 || got["Current outage"] || !got["Recent outage"] {
			t.Errorf("staff view: want the current one open and the recent one resolved, not the old one; got %v", got)
		}
		for _, e := range staff.Incidents {
			if e.Title == "Recent outage" && !e.ResolvedAt.Equal(w.now) {
				t.Errorf("resolved at %v, want %v", e.ResolvedAt, w.now)
			}
		}

		st := major.DefaultSettings
		st.StatusPublic = true
		if err := w.major.SaveSettings(ctx, w.manager, w.ash.ID, st); err != nil {
			t.Fatal(err)
		}
		pub, err := w.major.Status(ctx, nil, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		if len(pub.Incidents) != 1 || pub.Incidents[0].Title != "Current outage" || pub.Incidents[0].ResolvedAt != nil {
			t.Errorf("public view shows more than the open incident: %+v", pub.Incidents)
		}
	})
}
