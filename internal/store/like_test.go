package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// TestSearchMatchesWildcardCharactersLiterally: a search for "50%", "a_b"
// or a backslash finds text holding those characters, not text LIKE's
// wildcards would also match, on both engines, for tickets, advisories
// and indicators.
func TestSearchMatchesWildcardCharactersLiterally(t *testing.T) {
	texts := []string{"Disk 50% full", "Disk 500 full", "Disk 50 full", "Share a_b locked", "Share axb locked",
		"Share ab locked", `Path C:\temp full`, `Path C:temp full`}
	cases := []struct{ term, want string }{
		{"50%", "Disk 50% full"},
		{"a_b", "Share a_b locked"},
		{`c:\temp`, `Path C:\temp full`},
		{`%`, "Disk 50% full"},
		{`_`, "Share a_b locked"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sys := tenancy.ForSystem(tenancy.JobTest)
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		user, err := s.CreateUser(ctx, sys, store.NewUser{OrgID: org.ID, Email: "m@ashcombe.example", Name: "M", Role: tenancy.RoleMember})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateCommunity(ctx, store.Community{Slug: "c", Name: "C"})
		if err != nil {
			t.Fatal(err)
		}
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		err = s.InTx(ctx, func(ctx context.Context) error {
			for i, text := range texts {
				tk := newTicket(org.ID, opened)
				tk.Title = text
				if err := s.CreateTicket(ctx, sys, tk, nil); err != nil {
					return err
				}
				ref, err := s.CreateShare(ctx, sys, warp.Share{CommunityID: c.ID, Marking: warp.Green, Audience: warp.ToCommunity, AuthorOrgID: org.ID})
				if err != nil {
					return err
				}
				a := &store.Advisory{Share: ref, STIXID: fmt.Sprintf("report--%d", i), Title: text, Severity: "high"}
				if err := s.CreateAdvisory(ctx, sys, a); err != nil {
					return err
				}
				in := []store.SharedIndicator{{Share: ref, STIXID: fmt.Sprintf("indicator--%d", i), Name: text,
					Indicator: warp.Indicator{Type: warp.Domain, Value: fmt.Sprintf("d%d.example", i)}, ValidFrom: opened, Detect: true, Confidence: 50}}
				if err := s.InsertIndicators(ctx, sys, in); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		v := warp.NewViewer(user.ID, org.ID, []int64{c.ID}, nil, nil)
		for _, tc := range cases {
			var tickets, advisories, indicators []string
			list, err := s.Tickets(ctx, tenancy.ScopeOf(org.ID), store.TicketFilter{Search: tc.term})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range list {
				tickets = append(tickets, tk.Title)
			}
			advs, err := s.Advisories(ctx, v, store.AdvisoryFilter{Query: tc.term, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range advs {
				advisories = append(advisories, a.Title)
			}
			ins, err := s.Indicators(ctx, v, store.IndicatorFilter{Query: tc.term, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range ins {
				indicators = append(indicators, in.Name)
			}
			want := []string{tc.want}
			for what, got := range map[string][]string{"tickets": tickets, "advisories": advisories, "indicators": indicators} {
				if !slices.Equal(got, want) {
					t.Errorf("%s searched for %q: %q, want %q", what, tc.term, got, want)
				}
			}
		}
	})
}
