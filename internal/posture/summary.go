package posture

import (
	"container/heap"
	"slices"
	"strings"
)

// SubjectResults are one subject's results, named by the subject's key.
type SubjectResults struct {
	Subject string
	Results []Result
}

// ControlSummary counts one control's outcomes over many subjects.
type ControlSummary struct {
	Control                            string
	Severity                           Severity
	Pass, Fail, Unknown, NotApplicable int
	// Compliance is Pass/(Pass+Fail) as a percentage. Unknowns are left out
	// rather than counted as failures, so the figure says how many of the
	// subjects ward could judge are compliant; show Unknown beside it. It is
	// 0 when no subject could be judged (Assessed is 0): show "—" then.
	Compliance float64
}

// Assessed is how many subjects the control could judge.
func (c ControlSummary) Assessed() int { return c.Pass + c.Fail }

// Tally counts outcomes as results stream past, so a summary of 100,000
// devices needs no more memory than one device's results.
type Tally struct {
	counts map[string]*ControlSummary
	// byPos remembers the summary at each position of the last results:
	// one evaluator always gives the same controls in the same order, so
	// the map is consulted only when that changes.
	byPos []*ControlSummary
}

func NewTally() *Tally { return &Tally{counts: map[string]*ControlSummary{}} }

// Add counts one subject's results.
func (t *Tally) Add(results []Result) {
	for i := range results {
		r := &results[i]
		var c *ControlSummary
		if i < len(t.byPos) && t.byPos[i].Control == r.Control {
			c = t.byPos[i]
		} else {
			c = t.counts[r.Control]
			if c == nil {
				c = &ControlSummary{Control: r.Control, Severity: r.Severity}
				t.counts[r.Control] = c
			}
			if i < len(t.byPos) {
				t.byPos[i] = c
			} else {
				t.byPos = append(t.byPos, c)
			}
		}
		switch r.Outcome {
		case Pass:
			c.Pass++
		case Fail:
			c.Fail++
		case Undetermined:
			c.Unknown++
		case NotApplicable:
			c.NotApplicable++
		}
	}
}

// Summary returns one summary per control seen, in catalogue order (then
// any control not in the catalogue, by id).
func (t *Tally) Summary() []ControlSummary {
	out := make([]ControlSummary, 0, len(t.counts))
	for _, c := range t.counts {
		s := *c
		if s.Assessed() > 0 {
			s.Compliance = float64(s.Pass) / float64(s.Assessed()) * 100
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b ControlSummary) int {
		ia, oka := controlAt[a.Control]
		ib, okb := controlAt[b.Control]
		switch {
		case oka && okb:
			return ia - ib
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a.Control, b.Control)
	})
	return out
}

// Summarise counts outcomes per control over the subjects.
func Summarise(subjects []SubjectResults) []ControlSummary {
	t := NewTally()
	for _, s := range subjects {
		t.Add(s.Results)
	}
	return t.Summary()
}

// Severity weights for ranking subjects: a critical failure outweighs any
// two high ones, and a high one any two medium ones, so the subjects at the
// top are those whose failures matter most, not those with the most
// trivial ones.
func severityWeight(s Severity) int {
	switch s {
	case Critical:
		return 10
	case High:
		return 5
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// SubjectScore is a subject's standing in the worst-subjects ranking.
type SubjectScore struct {
	Subject                     string
	Score                       int // sum of the weights of its failing controls (critical 10, high 5, medium 2, low 1)
	Critical, High, Medium, Low int // failing controls by severity
	Failing                     []string
}

// Score is the ranking score of one subject's results: the sum of the
// severity weights of its failures. Unknowns do not count.
func Score(results []Result) int {
	s := 0
	for i := range results {
		if results[i].Outcome == Fail {
			s += severityWeight(results[i].Severity)
		}
	}
	return s
}

// worse orders scores worst first: higher score, then more critical, high,
// medium and low failures, then subject key, so the ranking is the same on
// every run.
func worse(a, b *SubjectScore) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	for _, p := range [][2]int{{a.Critical, b.Critical}, {a.High, b.High}, {a.Medium, b.Medium}, {a.Low, b.Low}} {
		if p[0] != p[1] {
			return p[0] > p[1]
		}
	}
	return a.Subject < b.Subject
}

// Ranker keeps the n worst subjects as results stream past. Subjects with
// no failures are never ranked.
type Ranker struct {
	n    int
	heap scoreHeap // the best of the kept at the root, to be pushed out first
}

func NewRanker(n int) *Ranker { return &Ranker{n: n} }

// Add considers one subject.
func (r *Ranker) Add(subject string, results []Result) {
	score := Score(results)
	if score == 0 || r.n <= 0 {
		return
	}
	s := SubjectScore{Subject: subject, Score: score}
	for i := range results {
		if results[i].Outcome != Fail {
			continue
		}
		switch results[i].Severity {
		case Critical:
			s.Critical++
		case High:
			s.High++
		case Medium:
			s.Medium++
		case Low:
			s.Low++
		}
	}
	if len(r.heap) == r.n && !worse(&s, &r.heap[0]) {
		return
	}
	for i := range results {
		if results[i].Outcome == Fail {
			s.Failing = append(s.Failing, results[i].Control)
		}
	}
	if len(r.heap) < r.n {
		heap.Push(&r.heap, s)
		return
	}
	r.heap[0] = s
	heap.Fix(&r.heap, 0)
}

// Worst returns the kept subjects, worst first.
func (r *Ranker) Worst() []SubjectScore {
	out := slices.Clone(r.heap)
	slices.SortFunc(out, func(a, b SubjectScore) int {
		if worse(&a, &b) {
			return -1
		}
		if worse(&b, &a) {
			return 1
		}
		return 0
	})
	return out
}

// WorstSubjects ranks the n worst subjects, worst first.
func WorstSubjects(subjects []SubjectResults, n int) []SubjectScore {
	r := NewRanker(n)
	for _, s := range subjects {
		r.Add(s.Subject, s.Results)
	}
	return r.Worst()
}

type scoreHeap []SubjectScore

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return worse(&h[j], &h[i]) }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(SubjectScore)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
