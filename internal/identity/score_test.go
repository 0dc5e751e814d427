package identity

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/finding"
)

func fails(control string, n int) []finding.Observation {
	out := make([]finding.Observation, n)
	for i := range out {
		out[i] = finding.Observation{Control: control, Outcome: finding.Fail}
	}
	return out
}

func TestScoreWeighsDoublingsAndCapsCategories(t *testing.T) {
	var obs []finding.Observation
	obs = append(obs, fails(CheckPrivilegedKerberoast, 1)...) // kerberos: 5 × 1
	obs = append(obs, fails(CheckPreauth, 3)...)              // kerberos: 3 × 2 (3 is one doubling past 1)
	obs = append(obs, fails(CheckStale, 300)...)              // hygiene: 1 × 9 (256 ≤ 300 < 512)
	obs = append(obs, fails(CheckRoleMFA, 100)...)            // cloud: 5 × 7 = 35, capped at 20
	obs = append(obs, fails("not-a-check", 50)...)            // counts for nothing
	s := ScoreOf(obs)
	want := map[string]int{"privileged": 0, "kerberos": 11, "hygiene": 9, "cloud": 20, "paths": 0}
	for _, c := range s.Categories {
		if c.Points != want[c.ID] {
			t.Errorf("%s: %d points, want %d", c.ID, c.Points, want[c.ID])
		}
	}
	if s.Score != 100-11-9-20 {
		t.Errorf("score %d, want %d", s.Score, 100-11-9-20)
	}
	if clean := ScoreOf(nil); clean.Score != 100 || len(clean.Categories) != 5 {
		t.Errorf("no findings scores %d over %d categories", clean.Score, len(clean.Categories))
	}
}
