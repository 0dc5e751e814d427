package policysvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Point is the acceptance of an org's documents at the end of one week:
// over every document with a version by then, the people it bound that
// day and how many of them held a current acceptance.
type Point struct {
	Day      string  `json:"day"` // yyyy-mm-dd
	InScope  int     `json:"in_scope"`
	Accepted int     `json:"accepted"`
	Percent  float64 `json:"percent"`
}

// Trend works out weekly points over the last weeks, oldest first, from
// the acceptance history and the days versions were published: a material
// version shows as a drop, the acceptances after it as the climb back.
func (s *Service) Trend(ctx context.Context, p tenancy.Principal, orgID int64, weeks int) ([]Point, error) {
	st, err := s.view(ctx, p, orgID, "trend")
	if err != nil {
		return nil, err
	}
	return st.trend(weeks), nil
}

func (st *orgState) trend(weeks int) []Point {
	weeks = min(max(weeks, 1), 104)
	out := make([]Point, 0, weeks)
	for w := weeks - 1; w >= 0; w-- {
		at := st.Now.AddDate(0, 0, -7*w)
		day := at.Format(time.DateOnly)
		var sh awareness.Share
		for _, d := range st.Docs {
			if len(d.rules) == 0 || d.rules[0].PublishedAt.After(at) {
				continue
			}
			for i := range st.People {
				person := &st.People[i]
				if !people.Current(person.StartOn, person.LeftOn, person.EndOn, day) || !d.Audience.Binds(person.Kind, person.Team) {
					continue
				}
				sh.InScope++
				if st.current(d, person.ID, at) {
					sh.Current++
				}
			}
		}
		out = append(out, Point{Day: day, InScope: sh.InScope, Accepted: sh.Current, Percent: sh.Percent()})
	}
	return out
}

// Overview is an org's documents and its weekly trend, read and audited
// once, for the documents page.
func (s *Service) Overview(ctx context.Context, p tenancy.Principal, orgID int64, weeks int) ([]Document, []Point, error) {
	st, err := s.view(ctx, p, orgID, "documents")
	if err != nil {
		return nil, nil, err
	}
	return st.documents(), st.trend(weeks), nil
}
