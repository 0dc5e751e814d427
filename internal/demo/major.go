package demo

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// seedMajor replays one past major incident — the shared payroll system
// down for two councils one morning ten days ago, with its timeline, plan,
// children, resolution and review — and plans one maintenance window next
// week. Brentmere's status page is public, to show the public view;
// Ashcombe's needs sign-in, the default.
func seedMajor(ctx context.Context, st *store.Store, svc *service.Set, ids map[string]int64) error {
	clock := st.Clock()
	defer st.SetClock(clock)
	now := clock().UTC()
	at := time.Date(now.Year(), now.Month(), now.Day(), 9, 10, 0, 0, time.UTC).AddDate(0, 0, -10)
	st.SetClock(func() time.Time { return at })
	step := func(d time.Duration) { at = at.Add(d) }

	open := func(org, title, caller string, p desk.Priority) (desksvc.Ticket, error) {
		return svc.Desk.Open(ctx, demoPrincipal, desksvc.NewTicket{OrgID: ids[org], Title: title, Category: "Payroll",
			Priority: p, Channel: desk.Phone, Caller: caller})
	}
	parent, err := open("ashcombe", "iTrent payroll unavailable for all users", "Payroll team", desk.P1)
	if err != nil {
		return err
	}
	m, err := svc.Major.Raise(ctx, demoPrincipal, majorsvc.Raise{TicketID: parent.ID, Title: "Payroll system unavailable",
		Why: "payroll run due at noon in two councils", Impacts: []major.Impact{
			{OrgID: ids["ashcombe"], Service: "Payroll", Site: "Ashcombe Town Hall"},
			{OrgID: ids["brentmere"], Service: "Payroll", Site: "Brentmere Civic Centre"}},
		Comms: []major.Comms{{Audience: major.Staff, Every: 30 * time.Minute}, {Audience: major.Members, Every: 2 * time.Hour}}})
	if err != nil {
		return err
	}
	step(8 * time.Minute)
	for _, c := range []struct{ org, title, caller string }{
		{"ashcombe", "Cannot open payroll to approve overtime", "Ashcombe HR"},
		{"brentmere", "Payroll login fails", "Brentmere HR"},
	} {
		child, err := open(c.org, c.title, c.caller, desk.P2)
		if err != nil {
			return err
		}
		if _, err := svc.Major.LinkChild(ctx, demoPrincipal, m.ID, child.Ref); err != nil {
			return err
		}
	}
	updates := []struct {
		after time.Duration
		u     majorsvc.NewUpdate
	}{
		{5 * time.Minute, majorsvc.NewUpdate{Audience: major.Public, Body: "Payroll is unavailable. We are investigating."}},
		{25 * time.Minute, majorsvc.NewUpdate{Audience: major.Staff, Phase: major.Identified, Body: "The payroll database server's storage has failed; failing over to the standby."}},
		{30 * time.Minute, majorsvc.NewUpdate{Audience: major.Members, Phase: major.Identified, Body: "Payroll is down in Ashcombe and Brentmere; the noon run may be late."}},
		{40 * time.Minute, majorsvc.NewUpdate{Audience: major.Public, Phase: major.Monitoring, Body: "Payroll is back on the standby server; we are watching it."}},
	}
	for _, x := range updates {
		step(x.after)
		if _, err := svc.Major.PostUpdate(ctx, demoPrincipal, m.ID, x.u); err != nil {
			return err
		}
	}
	step(30 * time.Minute)
	if _, err := svc.Major.Resolve(ctx, demoPrincipal, m.ID, "Payroll has run normally on the standby server since 10:50."); err != nil {
		return err
	}
	step(3 * 24 * time.Hour)
	if _, err := svc.Major.Review(ctx, demoPrincipal, m.ID, major.Review{
		Cause:   "A storage controller on the payroll database server failed; failover to the standby was manual and took 40 minutes.",
		Lessons: "The standby worked; the failover runbook was out of date and nobody was alerted by the storage array.",
		Actions: []major.Action{
			{Action: "Automate database failover for payroll", Owner: "Infrastructure lead", Due: now.AddDate(0, 1, 0).Format("2006-01-02")},
			{Action: "Route storage array alerts to the desk", Owner: "Service desk manager", Due: now.AddDate(0, 0, 14).Format("2006-01-02")},
		}}); err != nil {
		return err
	}
	st.SetClock(clock)
	start := time.Date(now.Year(), now.Month(), now.Day(), 19, 0, 0, 0, time.UTC).AddDate(0, 0, 7)
	if _, err := svc.Major.AddMaintenance(ctx, demoPrincipal, majorsvc.NewMaintenance{OrgID: ids["brentmere"], Service: "Email",
		Sites: []string{"Brentmere Civic Centre"}, Starts: start, Ends: start.Add(3 * time.Hour),
		Description: "Exchange security updates; mail may be slow or unavailable."}); err != nil {
		return err
	}
	pub := major.DefaultSettings
	pub.StatusPublic = true
	return svc.Major.SaveSettings(ctx, demoPrincipal, ids["brentmere"], pub)
}
