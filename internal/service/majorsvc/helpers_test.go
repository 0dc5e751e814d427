package majorsvc_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

// world is two councils and the desk and major incident services over one
// store, wired as app.New wires them, with a clock the test moves.
type world struct {
	s         *store.Store
	desk      *desksvc.Service
	major     *majorsvc.Service
	ash, brd  store.Org
	now       time.Time
	manager   tenancy.Principal // manages the desk of both councils
	agent     tenancy.Principal
	officer   tenancy.Principal // Ashcombe's
	brdOffice tenancy.Principal
}

func newWorld(t testing.TB, s *store.Store) *world {
	t.Helper()
	w := &world{s: s, now: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)}
	s.SetClock(func() time.Time { return w.now })
	for _, slug := range []string{"ashcombe", "bradwell"} {
		o, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:] + " Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if slug == "ashcombe" {
			w.ash = o
		} else {
			w.brd = o
		}
	}
	both := tenancy.ScopeOf(w.ash.ID, w.brd.ID)
	w.manager = tenancy.Principal{Actor: "user:manager@test", Role: tenancy.RoleAdmin, Scope: both}
	w.agent = tenancy.Principal{Actor: "user:agent@test", Role: tenancy.RoleAgent, Scope: both}
	w.officer = tenancy.Principal{Actor: "user:officer@ashcombe", Role: tenancy.RoleOfficer, OrgID: w.ash.ID, Scope: tenancy.ScopeOf(w.ash.ID)}
	w.brdOffice = tenancy.Principal{Actor: "user:officer@bradwell", Role: tenancy.RoleOfficer, OrgID: w.brd.ID, Scope: tenancy.ScopeOf(w.brd.ID)}
	w.desk = desksvc.New(s)
	w.major = majorsvc.New(s, w.desk)
	w.major.BaseURL = "https://ward.example/"
	w.desk.OnOpen = append(w.desk.OnOpen, w.major.TicketOpened)
	return w
}

func (w *world) advance(d time.Duration) { w.now = w.now.Add(d) }

func (w *world) ticket(t *testing.T, org store.Org, title, category string, p desk.Priority) store.Ticket {
	t.Helper()
	tk, err := w.desk.Open(ctx, w.agent, desksvc.NewTicket{OrgID: org.ID, Title: title, Category: category, Priority: p, Channel: desk.Phone})
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
