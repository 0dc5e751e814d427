package desksvc_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// surveyDesk is a council with surveys on (an hour's delay, a fortnight's
// link), a mail server, and a clock the test moves.
type surveyDesk struct {
	t    *testing.T
	s    *store.Store
	svc  *desksvc.Service
	org  store.Org
	smtp *mailtest.Server
	now  time.Time
}

func newSurveyDesk(t *testing.T, s *store.Store, edit desksvc.SurveyEdit) *surveyDesk {
	d := &surveyDesk{t: t, s: s, svc: desksvc.New(s), org: council(t, s, "ashcombe"), smtp: mailtest.Start(t)}
	d.svc.Notify, d.svc.BaseURL = true, "https://ward.example"
	d.now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return d.now })
	on := true
	edit.Enabled = &on
	if _, err := d.svc.SaveSurveySettings(ctx, operator, d.org.ID, edit); err != nil {
		t.Fatal(err)
	}
	return d
}

// resolve logs a ticket for the caller (an e-mail address) and resolves it.
func (d *surveyDesk) resolve(caller string) store.Ticket {
	d.t.Helper()
	tk, err := d.svc.Open(ctx, agentOf(d.org.ID), desksvc.NewTicket{OrgID: d.org.ID, Title: "Laptop will not start",
		Caller: caller, Channel: desk.Phone, AssignmentGroup: "Service Desk"})
	if err != nil {
		d.t.Fatal(err)
	}
	if tk, err = d.svc.Update(ctx, agentOf(d.org.ID), tk.ID, desksvc.Change{State: desk.Resolved, Note: "Reseated the battery."}); err != nil {
		d.t.Fatal(err)
	}
	return tk
}

// surveys delivers what is due and returns the survey mails among it.
func (d *surveyDesk) surveys() []mailtest.Message {
	d.t.Helper()
	before := len(d.smtp.Messages())
	if r, err := mailsvc.Deliver(ctx, d.s, mailsvc.Config{Addr: d.smtp.Addr, From: "desk@ward.example"}); err != nil || r.Failed != 0 {
		d.t.Fatalf("deliver: %+v %v", r, err)
	}
	var out []mailtest.Message
	for _, m := range d.smtp.Messages()[before:] {
		if strings.Contains(m.Data, "Subject: How did we do?") {
			out = append(out, m)
		}
	}
	return out
}

var surveyLink = regexp.MustCompile(`https://ward\.example/survey/([A-Za-z0-9_-]+)\?score=5`)

func tokenIn(t *testing.T, m mailtest.Message) string {
	t.Helper()
	got := surveyLink.FindStringSubmatch(strings.ReplaceAll(m.Data, "=\r\n", ""))
	if got == nil {
		t.Fatalf("no score link in\n%s", m.Data)
	}
	return got[1]
}

// TestAResolvedTicketSendsOneSurveyThatScoresOnce: the survey waits for the
// delay, goes once over SMTP, its link records the first score only, takes
// one comment, and is refused once it has expired.
func TestAResolvedTicketSendsOneSurveyThatScoresOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := newSurveyDesk(t, s, desksvc.SurveyEdit{DelayMinutes: "60", SamplePercent: "100", LinkDays: "14", CoolOffDays: "0", FollowUpScore: "0"})
		tk := d.resolve("ann@ashcombe.example")
		if got := d.surveys(); len(got) != 0 {
			t.Fatalf("a survey went before the delay: %+v", got)
		}
		d.now = d.now.Add(61 * time.Minute)
		got := d.surveys()
		if len(got) != 1 || got[0].To[0] != "ann@ashcombe.example" || !strings.Contains(got[0].Data, tk.Ref) {
			t.Fatalf("after the delay: %d survey mails %+v, want one to ann naming %s", len(got), got, tk.Ref)
		}
		if again := d.surveys(); len(again) != 0 {
			t.Fatalf("the survey went twice")
		}
		token := tokenIn(t, got[0])

		a, err := d.svc.AnswerSurvey(ctx, token, 5, "192.0.2.1")
		if err != nil || !a.Recorded || a.Score != 5 || a.Ref != tk.Ref || !a.CanComment {
			t.Fatalf("first click: %+v %v", a, err)
		}
		a, err = d.svc.AnswerSurvey(ctx, token, 1, "192.0.2.1")
		if err != nil || a.Recorded || a.Score != 5 {
			t.Fatalf("second click changed the score or was not told apart: %+v %v", a, err)
		}
		if _, err := d.svc.CommentOnSurvey(ctx, token, "Quick and friendly."); err != nil {
			t.Fatal(err)
		}
		if _, err := d.svc.CommentOnSurvey(ctx, token, "Changed my mind"); !fault.Is(err, fault.KindConflict) {
			t.Errorf("a second comment: %v", err)
		}
		if _, err := d.svc.AnswerSurvey(ctx, "not-a-token-of-ours-at-all-000000000000", 5, ""); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("an unknown token: %v", err)
		}

		// Bob's link is left until it has expired.
		d.resolve("bob@ashcombe.example")
		d.now = d.now.Add(61 * time.Minute)
		bob := d.surveys()
		if len(bob) != 1 {
			t.Fatalf("bob's survey: %d mails", len(bob))
		}
		d.now = d.now.Add(14*24*time.Hour + time.Minute)
		if _, err := d.svc.AnswerSurvey(ctx, tokenIn(t, bob[0]), 4, ""); !fault.Is(err, fault.KindConflict) || !strings.Contains(err.Error(), "expired") {
			t.Errorf("an expired link: %v", err)
		}

		day := calendar.Date{Year: 2026, Month: 3, Day: 2}
		r, err := d.svc.SatisfactionReport(ctx, operator, []store.Org{d.org}, day, day.AddDays(30))
		if err != nil {
			t.Fatal(err)
		}
		if r.Overall.Sent != 2 || r.Overall.Answered != 1 || r.Overall.Average != 5 || r.Overall.ResponseRate != 50 || r.Overall.Distribution[4] != 1 {
			t.Errorf("report: %+v", r.Overall)
		}
		if len(r.Team) != 1 || r.Team[0].Name != "Service Desk" || len(r.Channel) != 1 || r.Channel[0].Name != "phone" {
			t.Errorf("breakdowns: team %+v channel %+v", r.Team, r.Channel)
		}
		comments, _, _, err := d.svc.SurveyComments(ctx, operator, d.org, day, day.AddDays(30), nil)
		if err != nil || len(comments) != 1 || comments[0].Comment != "Quick and friendly." || comments[0].TicketRef != tk.Ref {
			t.Errorf("comments: %+v %v", comments, err)
		}
		if _, _, _, err := d.svc.SurveyComments(ctx, agentOf(d.org.ID), d.org, day, day, nil); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent read the comments: %v", err)
		}
	})
}

// TestSurveysKeepTheCoolOffAndTheSample: one caller is asked once in the
// cool-off and again after it; of many callers, exactly the tickets the
// sample picks are asked.
func TestSurveysKeepTheCoolOffAndTheSample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := newSurveyDesk(t, s, desksvc.SurveyEdit{DelayMinutes: "0", SamplePercent: "100", LinkDays: "14", CoolOffDays: "30"})
		d.resolve("ann@ashcombe.example")
		d.resolve("ann@ashcombe.example")
		if got := d.surveys(); len(got) != 1 {
			t.Fatalf("two tickets in the cool-off: %d surveys, want 1", len(got))
		}
		d.now = d.now.AddDate(0, 0, 31)
		d.resolve("ann@ashcombe.example")
		if got := d.surveys(); len(got) != 1 {
			t.Fatalf("after the cool-off: %d surveys, want 1", len(got))
		}

		if _, err := d.svc.SaveSurveySettings(ctx, operator, d.org.ID, desksvc.SurveyEdit{SamplePercent: "30", CoolOffDays: "0"}); err != nil {
			t.Fatal(err)
		}
		want := 0
		for i := range 40 {
			tk := d.resolve("caller" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@ashcombe.example")
			if desk.Sampled(tk.ID, 30) {
				want++
			}
		}
		got := d.surveys()
		if len(got) != want || want == 0 || want == 40 {
			t.Errorf("sampled at 30%%: %d surveys, the sample picks %d of 40", len(got), want)
		}

		// The day counts kept with each write agree with the surveys
		// counted afresh, today's (read from the surveys) and past days'.
		day := calendar.Date{Year: 2026, Month: 3, Day: 1}
		report := func() string {
			r, err := d.svc.SatisfactionReport(ctx, operator, []store.Org{d.org}, day, day.AddDays(60))
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("%+v %+v %+v", r.Overall, r.Agent, r.Channel)
		}
		today := report()
		if !strings.Contains(today, fmt.Sprintf("Sent:%d ", 2+want)) {
			t.Errorf("today's report: %s, want %d sent", today, 2+want)
		}
		d.now = d.now.AddDate(0, 0, 1)
		kept := report()
		if _, err := s.RebuildSurveyDays(ctx, tenancy.ForSystem(tenancy.JobTest), d.org.ID); err != nil {
			t.Fatal(err)
		}
		if afresh := report(); kept != today || afresh != kept {
			t.Errorf("today's report %s\nfrom the day counts %s\ncounted afresh %s", today, kept, afresh)
		}
	})
}

// TestReopeningCancelsTheSurveyAndALowScoreRaisesAFollowUp: a ticket
// reopened before its survey went is not surveyed, then or when resolved
// again; a score of 1 raises a request for the team naming the ticket.
func TestReopeningCancelsTheSurveyAndALowScoreRaisesAFollowUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := newSurveyDesk(t, s, desksvc.SurveyEdit{DelayMinutes: "60", SamplePercent: "100", LinkDays: "14", CoolOffDays: "0", FollowUpScore: "2"})
		tk := d.resolve("ann@ashcombe.example")
		if _, err := d.svc.Update(ctx, officerOf(d.org.ID), tk.ID, desksvc.Change{Reopen: true, Note: "Dead again"}); err != nil {
			t.Fatal(err)
		}
		d.now = d.now.Add(2 * time.Hour)
		if got := d.surveys(); len(got) != 0 {
			t.Fatalf("a reopened ticket was surveyed")
		}
		if _, err := d.svc.Update(ctx, agentOf(d.org.ID), tk.ID, desksvc.Change{State: desk.Resolved}); err != nil {
			t.Fatal(err)
		}
		d.now = d.now.Add(2 * time.Hour)
		if got := d.surveys(); len(got) != 0 {
			t.Fatalf("a ticket once reopened was surveyed on its second resolution")
		}

		// The agent resolving a ticket they raised for themselves is not asked.
		own, _ := d.svc.Open(ctx, agentOf(d.org.ID), desksvc.NewTicket{OrgID: d.org.ID, Title: "My own", Caller: "agent@test"})
		if _, err := d.svc.Update(ctx, agentOf(d.org.ID), own.ID, desksvc.Change{State: desk.Resolved}); err != nil {
			t.Fatal(err)
		}
		low := d.resolve("bob@ashcombe.example")
		d.now = d.now.Add(2 * time.Hour)
		got := d.surveys()
		if len(got) != 1 || got[0].To[0] != "bob@ashcombe.example" {
			t.Fatalf("want bob's survey only: %+v", got)
		}
		if _, err := d.svc.AnswerSurvey(ctx, tokenIn(t, got[0]), 1, ""); err != nil {
			t.Fatal(err)
		}
		list, err := s.Tickets(ctx, tenancy.ScopeOf(d.org.ID), store.TicketFilter{OrgID: d.org.ID})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range list {
			if strings.Contains(f.Title, "Follow up low satisfaction score on "+low.Ref) {
				found = f.Type == desk.Request && f.AssignmentGroup == "Service Desk" && strings.Contains(f.Description, low.Ref)
			}
		}
		if !found {
			t.Errorf("no follow-up request for the team naming %s", low.Ref)
		}
		// The cancelled survey no longer counts as sent, in the day counts too.
		d.now = d.now.AddDate(0, 0, 1)
		day := calendar.Date{Year: 2026, Month: 3, Day: 1}
		r, err := d.svc.SatisfactionReport(ctx, operator, []store.Org{d.org}, day, day.AddDays(10))
		if err != nil || r.Overall.Sent != 1 || r.Overall.Answered != 1 || r.Overall.Distribution[0] != 1 {
			t.Errorf("report: %+v %v, want bob's one survey scored 1", r.Overall, err)
		}
	})
}
