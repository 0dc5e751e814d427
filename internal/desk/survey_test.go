package desk_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

func TestSamplingTakesAboutTheShareAskedAndAlwaysTheSameTickets(t *testing.T) {
	for _, pct := range []int{0, 10, 35, 100} {
		n := 0
		for id := int64(1); id <= 10000; id++ {
			if desk.Sampled(id, pct) {
				n++
			}
			if desk.Sampled(id, pct) != desk.Sampled(id, pct) {
				t.Fatalf("ticket %d sampled differently twice", id)
			}
		}
		if got := float64(n) / 100; got < float64(pct)-2 || got > float64(pct)+2 {
			t.Errorf("%d%%: sampled %.1f%%", pct, got)
		}
	}
}

func TestSurveySettingsNameEveryMistake(t *testing.T) {
	bad := desk.SurveySettings{Delay: -time.Minute, SamplePercent: 101, LinkDays: 0, CoolOffDays: -1, FollowUpScore: 6}.Problems()
	for _, f := range []string{"delay", "sample", "link_days", "cooloff_days", "followup_score"} {
		if bad[f] == "" {
			t.Errorf("%s not refused: %v", f, bad)
		}
	}
	if p := desk.DefaultSurveySettings().Problems(); len(p) != 0 {
		t.Errorf("defaults refused: %v", p)
	}
}
