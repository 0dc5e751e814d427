package policysvc

import (
	"sort"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// Missing is one document a person has not accepted in time.
type Missing struct {
	Slug     string    `json:"slug"`
	Title    string    `json:"title"`
	Version  int       `json:"version"` // the version they must accept (or a later one)
	Deadline time.Time `json:"deadline"`
	Accepted string    `json:"accepted"` // the last version they accepted, or "none"
}

// Late is one person past a deadline.
type Late struct {
	Person    store.Person `json:"person"`
	Documents []Missing    `json:"documents"`
}

// overdue lists the people past a deadline without a current acceptance,
// by name.
func (st *orgState) overdue() []Late {
	late := map[int64]*Late{}
	var order []int64
	for _, d := range st.Docs {
		b, ok := d.binding()
		if !ok {
			continue
		}
		for _, p := range st.bound(d) {
			if st.current(d, p.ID, st.Now) {
				continue
			}
			deadline := st.deadline(d, p)
			if st.Now.Before(deadline) {
				continue
			}
			last := "none"
			best := 0
			for _, a := range st.accepted[p.ID][d.Doc.ID] {
				best = max(best, a.Number)
			}
			if best > 0 {
				last = "version " + strconv.Itoa(best)
			}
			l := late[p.ID]
			if l == nil {
				l = &Late{Person: *p}
				late[p.ID] = l
				order = append(order, p.ID)
			}
			l.Documents = append(l.Documents, Missing{Slug: d.Doc.Slug, Title: d.Doc.Title, Version: b.Number, Deadline: deadline, Accepted: last})
		}
	}
	out := make([]Late, 0, len(order))
	for _, id := range order {
		out = append(out, *late[id])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Person.Name < out[j].Person.Name })
	return out
}
