package identity

import (
	"math/bits"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
)

// Category is one part of the identity score.
type Category struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Points   int    `json:"points"` // risk points, at most Cap
	Cap      int    `json:"cap"`
	Findings int    `json:"findings"`
}

// The score's parts, in the order the pages show them. Each holds at most
// CategoryCap points, so one bad habit repeated a thousand times cannot
// hide how the others stand, and five parts make a hundred.
var categoryTitles = []struct{ id, title string }{
	{"privileged", "Privileged accounts"},
	{"kerberos", "Kerberos and delegation"},
	{"hygiene", "Account hygiene"},
	{"cloud", "Cloud roles"},
	{"paths", "Attack paths to Tier Zero"},
}

// CategoryCap is the most risk points one category can add.
const CategoryCap = 20

// Score is an org's identity score: 100 less the risk points of its
// open identity findings, each category capped. Higher is better.
type Score struct {
	Score      int        `json:"score"`
	Categories []Category `json:"categories"`
}

// ScoreOf weighs failures by their checks' points: a check that fails
// counts its points once for its first finding and once more each time
// its findings double (1, 2, 4, 8 …), so three hundred stale accounts
// weigh more than three, but not a hundred times more, and one
// kerberoastable Domain Admin still costs five points. Accepted risks
// still count: accepting a risk does not make it smaller. Failures of
// checks the catalogue does not know add nothing.
func ScoreOf(failures []finding.Observation) Score {
	cats := make([]Category, len(categoryTitles))
	at := map[string]int{}
	for i, c := range categoryTitles {
		cats[i] = Category{ID: c.id, Title: c.title, Cap: CategoryCap}
		at[c.id] = i
	}
	perCheck := map[string]int{}
	for _, f := range failures {
		perCheck[f.Control]++
	}
	for id, n := range perCheck {
		ctl, ok := posture.ControlByID(id)
		if !ok {
			continue
		}
		i, ok := at[ctl.Category]
		if !ok {
			continue
		}
		cats[i].Findings += n
		cats[i].Points = min(CategoryCap, cats[i].Points+ctl.Points*bits.Len(uint(n)))
	}
	s := Score{Score: 100, Categories: cats}
	for _, c := range cats {
		s.Score -= c.Points
	}
	return s
}
