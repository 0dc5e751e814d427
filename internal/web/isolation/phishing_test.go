package isolation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// phishingFacts are an org's phishing campaigns from the demo and one
// person with results in them, for the walk to open as everyone.
type phishingFacts struct {
	campaignIDs []int64
	personID    int64
}

// collectPhishing notes each council's demo campaigns and a person in them.
func collectPhishing(t *testing.T, st *store.Store, facts map[int64]*orgFacts) {
	ctx := context.Background()
	all := tenancy.ForSystem(tenancy.JobTest)
	for id, f := range facts {
		list, err := st.PhishingCampaigns(ctx, all, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			f.phishing.campaignIDs = append(f.phishing.campaignIDs, c.ID)
			rows, err := st.PhishingResults(ctx, all, c.PhishingCampaign, nil, 20)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.PersonID != 0 && f.phishing.personID == 0 {
					f.phishing.personID = r.PersonID
				}
			}
		}
	}
}

// phishingTargets expands the routes of one campaign or one person's
// phishing history with each org's own: another org's is not found.
func phishingTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	var ids func(f *orgFacts) []int64
	switch {
	case strings.HasPrefix(path, "/phishing/{slug}/people/{id}"), strings.Contains(path, "/phishing/people/{id}"):
		ids = func(f *orgFacts) []int64 {
			if f.phishing.personID == 0 {
				return nil
			}
			return []int64{f.phishing.personID}
		}
	case path == "/phishing/{slug}/{id}", strings.Contains(path, "/phishing/campaigns/{id}"):
		ids = func(f *orgFacts) []int64 { return f.phishing.campaignIDs }
	default:
		return nil, false
	}
	out := map[string]int64{}
	for id, f := range facts {
		for _, x := range ids(f) {
			out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", fmt.Sprint(x)).Replace(path)] = id
		}
	}
	return out, len(out) > 0
}
