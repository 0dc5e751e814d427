package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// surveyProfile is how each council's callers answer in the demo: the
// share who answer, and how many in a hundred answers give 5, 4, 3, 2 and 1.
// The committee's packs report about 4.7 out of 5 with 35–45% answering.
var surveyProfile = map[string]struct {
	answer float64
	scores [5]int // per hundred: 5, 4, 3, 2, 1
}{
	"ashcombe":   {answer: 0.41, scores: [5]int{78, 17, 3, 1, 1}},
	"brentmere":  {answer: 0.37, scores: [5]int{64, 26, 6, 3, 1}},
	"calderwick": {answer: 0.44, scores: [5]int{72, 21, 4, 2, 1}},
}

var demoComments = map[int][]string{
	5: {"Sorted quickly and kept me updated, thank you.", "Very helpful on the phone.", "Fixed before I had finished my coffee!", "Great service as always."},
	4: {"Fixed, though it took a couple of days.", "Good, but I had to chase once.", "Friendly and knew what to do."},
	3: {"Got there in the end.", "Had to explain the problem twice."},
	2: {"Took three calls to get anyone to look at it.", "Closed before it was really fixed."},
	1: {"Nobody told me what was happening for a week."},
}

// seedSurveys turns surveys on for each council (an hour's delay, 60% of
// tickets, a two-day cool-off) and gives each resolved demo ticket the
// survey those settings would have sent, answered at the council's rate.
func seedSurveys(ctx context.Context, st *store.Store, svc *desksvc.Service, ids map[string]int64, now time.Time) error {
	on := true
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		orgID := ids[slug]
		set, err := svc.SaveSurveySettings(ctx, demoPrincipal, orgID, desksvc.SurveyEdit{Enabled: &on, DelayMinutes: "60",
			SamplePercent: "60", LinkDays: "14", CoolOffDays: "2", FollowUpScore: "2"})
		if err != nil {
			return err
		}
		people, err := st.People(ctx, everyOrg)
		if err != nil {
			return err
		}
		email := map[int64]string{}
		for _, p := range people {
			email[p.ID] = p.Email
		}
		tickets, err := st.Tickets(ctx, everyOrg, store.TicketFilter{OrgID: orgID, Limit: 1000})
		if err != nil {
			return err
		}
		// The cool-off reads each caller's surveys in the order they went.
		sort.Slice(tickets, func(i, j int) bool { return tickets[i].ResolvedAt.Before(tickets[j].ResolvedAt) })
		prof := surveyProfile[slug]
		rng := rand.New(rand.NewPCG(uint64(orgID), 16))
		lastAsked := map[string]time.Time{}
		for _, t := range tickets {
			to := email[t.CallerPersonID]
			sent := t.ResolvedAt.Add(set.Delay)
			if t.ResolvedAt.IsZero() || to == "" || sent.After(now) || !desk.Sampled(t.ID, set.SamplePercent) ||
				sent.Before(lastAsked[to].AddDate(0, 0, set.CoolOffDays)) {
				continue
			}
			lastAsked[to] = sent
			v := desksvc.PastSurvey{Ticket: t, Caller: to, SentAt: sent, LinkDays: set.LinkDays}
			if rng.Float64() < prof.answer {
				v.Score = demoScore(rng, prof.scores)
				v.AnsweredAt = sent.Add(time.Duration(5+rng.IntN(48*60)) * time.Minute)
				if v.AnsweredAt.After(now) {
					v.AnsweredAt = now
				}
				if rng.Float64() < 0.35 || v.Score <= 2 {
					list := demoComments[v.Score]
					v.Comment = list[rng.IntN(len(list))]
				}
			}
			if err := svc.LogSurvey(ctx, demoPrincipal, v); err != nil {
				return fmt.Errorf("demo survey of %s: %w", t.Ref, err)
			}
		}
	}
	return nil
}

func demoScore(rng *rand.Rand, perHundred [5]int) int {
	n := rng.IntN(100)
	for i, share := range perHundred {
		if n < share {
			return 5 - i
		}
		n -= share
	}
	return 5
}
