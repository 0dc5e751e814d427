package desksvc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestASentSurveyLeavesNoLinkInTheOutbox: once a survey's mail has gone,
// the outbox keeps its addressee and subject but not the body with the
// one-click links, so a copy of the database opens no survey; the link the
// caller received still answers, and the desk's other mail keeps its body.
func TestASentSurveyLeavesNoLinkInTheOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := newSurveyDesk(t, s, desksvc.SurveyEdit{DelayMinutes: "60", SamplePercent: "100", LinkDays: "14", CoolOffDays: "0", FollowUpScore: "0"})
		tk := d.resolve("ann@ashcombe.example")
		held, err := s.Outbox(ctx, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range held {
			if m.Reason == desk.SurveyMailReason(tk.Ref) && !strings.Contains(m.Body, "/survey/") {
				t.Fatalf("the survey waiting for its delay has no link to send: %q", m.Body)
			}
		}
		d.now = d.now.Add(61 * time.Minute)
		got := d.surveys()
		if len(got) != 1 {
			t.Fatalf("%d survey mails, want 1", len(got))
		}
		token := tokenIn(t, got[0])
		sent, err := s.Outbox(ctx, 50)
		if err != nil {
			t.Fatal(err)
		}
		var surveys, others int
		for _, m := range sent {
			if m.SentAt == nil {
				t.Errorf("mail %q is still waiting", m.Reason)
				continue
			}
			if desk.IsSurveyMail(m.Reason) {
				surveys++
				if m.Body != "" || m.To != "ann@ashcombe.example" || m.Subject == "" {
					t.Errorf("the sent survey as kept: to %q subject %q body %q", m.To, m.Subject, m.Body)
				}
			} else if others++; m.Body == "" {
				t.Errorf("a %q mail lost its body", m.Reason)
			}
		}
		if surveys != 1 || others == 0 {
			t.Errorf("the outbox holds %d survey mails and %d others, want 1 and some", surveys, others)
		}
		if a, err := d.svc.AnswerSurvey(ctx, token, 4, "192.0.2.1"); err != nil || !a.Recorded {
			t.Errorf("the caller's link after the body went: %+v %v", a, err)
		}
	})
}

func TestSurveyMailReasonIsKnownAgain(t *testing.T) {
	for reason, want := range map[string]bool{desk.SurveyMailReason("ASH-INC-10042"): true, "ticket ASH-INC-1 resolved": false,
		"ticket  survey": false, "advisory 3": false, "ticket ASH-INC-1 survey reminder": false} {
		if desk.IsSurveyMail(reason) != want {
			t.Errorf("IsSurveyMail(%q) = %v", reason, !want)
		}
	}
}
