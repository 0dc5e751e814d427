package webtest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// London is the zone the councils' days are counted in.
var London, _ = time.LoadLocation("Europe/London")

// DeviceCSVHead is the header of ward's own device CSV (docs/device-csv.md).
const DeviceCSVHead = "serial,name,device_id,type,ownership,os,os_version,model,primary_user,last_seen,managed," +
	"malware_protection,signatures_updated,firewall,encrypted,screen_lock,screen_lock_minutes,password_min_length," +
	"user_is_local_admin,remote_access,remote_access_mfa,missing_updates\n"

// DeviceRow is one laptop of a device CSV, seen two hours ago: a supported
// Windows 11 used by someone on the council's own domain, which passes
// every control unless encrypted or firewall say no.
func DeviceRow(slug, serial, name string, encrypted, firewall bool, now time.Time) string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	seen := now.Add(-2 * time.Hour).In(London)
	return fmt.Sprintf("%s,%s,,laptop,council,windows,10.0.26100.2033,Latitude 7450,%s@%s.gov.uk,%s,yes,yes,%s,%s,%s,yes,5,14,no,no,,\n",
		serial, name, strings.ToLower(name), slug, seen.Format("2006-01-02 15:04"), seen.Format("2006-01-02"), yes(firewall), yes(encrypted))
}

// SeedEstate imports three laptops into every org through the estate
// service, named after the org so that a page showing another org's
// device is caught: <SLUG>-LT-1 is not encrypted, <SLUG>-LT-2 has its
// firewall off, <SLUG>-LT-3 passes.
func SeedEstate(t testing.TB, st *store.Store) map[string][]finding.Finding {
	t.Helper()
	ctx := context.Background()
	svc := services(st).Posture
	op := tenancy.Operator("cli:test")
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	now := st.Now()
	out := map[string][]finding.Finding{}
	for _, o := range orgs {
		p := strings.ToUpper(o.Slug)
		csv := DeviceCSVHead + DeviceRow(o.Slug, p+"-SN1", p+"-LT-1", false, true, now) +
			DeviceRow(o.Slug, p+"-SN2", p+"-LT-2", true, false, now) + DeviceRow(o.Slug, p+"-SN3", p+"-LT-3", true, true, now)
		if _, err := svc.ImportDevices(ctx, op, o.ID, inventory.WardCSV, o.Slug+"-devices.csv", strings.NewReader(csv)); err != nil {
			t.Fatalf("seed devices in %s: %v", o.Slug, err)
		}
		list, _, err := st.Findings(ctx, tenancy.ScopeOf(o.ID), store.FindingFilter{OrgID: o.ID, State: finding.Open, Kind: finding.Device})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range list {
			if strings.HasPrefix(f.Subject.Name, p+"-LT-") {
				out[o.Slug] = append(out[o.Slug], f)
				got = append(got, f.Subject.Name+" "+f.Control)
			}
		}
		sort.Strings(got)
		if want := p + "-LT-1 disk-encryption|" + p + "-LT-2 firewall"; strings.Join(got, "|") != want {
			t.Fatalf("seeded %s's laptops have the findings %q, want %q", o.Slug, got, want)
		}
	}
	return out
}

// SeedDesk gives every org a caller and two tickets through the service
// desk, named after the org so a page that shows another org's ticket is
// caught by the isolation walk.
func SeedDesk(t testing.TB, st *store.Store) map[string][]store.Ticket {
	t.Helper()
	ctx := context.Background()
	svc := services(st).Desk
	op := tenancy.Operator("cli:test")
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]store.Ticket{}
	for i, o := range orgs {
		person, err := st.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: o.ID, Name: o.Slug + " caller", Phone: fmt.Sprintf("01632 9600%02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []desksvc.NewTicket{
			{OrgID: o.ID, Title: o.Slug + " open ticket", Description: "Seeded for " + o.Slug, Category: "Printing",
				Caller: person.Name, CallerPersonID: person.ID, Impact: desk.High, Urgency: desk.Medium},
			{OrgID: o.ID, Title: o.Slug + " walk-up visit", Channel: desk.WalkUp, FixedNow: true, Category: "Account and password",
				Caller: person.Name, CallerPersonID: person.ID},
		} {
			tk, err := svc.Open(ctx, op, n)
			if err != nil {
				t.Fatalf("seed a ticket in %s: %v", o.Slug, err)
			}
			out[o.Slug] = append(out[o.Slug], tk)
		}
	}
	return out
}
