package report

import (
	"testing"
	"time"
)

// yearOfVisits is a year of weekdays at three sites, perDay visitors each,
// arriving from 09:00 with waits and service times that vary by arrival.
func yearOfVisits(perDay int, loc *time.Location) []WalkupSeen {
	sites := []string{"Ashcombe Town Hall", "Brentmere Civic Centre", "Calderwick Guildhall"}
	var out []WalkupSeen
	for day := 0; day < 365; day++ {
		open := time.Date(2025, 4, 1+day, 9, 0, 0, 0, loc) // across summer and winter time
		if wd := open.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for s, site := range sites {
			for i := 0; i < perDay; i++ {
				in := open.Add(time.Duration(i*480/perDay) * time.Minute)
				called := in.Add(time.Duration(30+(i*37+s*11)%1200) * time.Second)
				v := WalkupSeen{Site: site, CheckedIn: in, Called: called, Finished: called.Add(time.Duration(120+(i*53)%900) * time.Second), Outcome: "resolved"}
				switch i % 10 {
				case 3:
					v.Outcome = "ticket"
				case 7:
					v.Outcome, v.Finished = "no-show", called.Add(2*time.Minute)
				}
				out = append(out, v)
			}
		}
	}
	return out
}

func TestWalkupSpreadIsNearestRank(t *testing.T) {
	for _, c := range []struct {
		secs                     []int64
		mean, median, p90, worst float64
	}{
		{nil, 0, 0, 0, 0},
		{[]int64{60}, 1, 1, 1, 1},
		// ten waits of 1..10 minutes: median rank 5, p90 rank 9
		{[]int64{600, 60, 120, 180, 240, 300, 360, 420, 480, 540}, 5.5, 5, 9, 10},
		{[]int64{90, 30}, 1, 0.5, 1.5, 1.5},
	} {
		mean, median, p90, worst := spread(c.secs)
		if mean != c.mean || median != c.median || p90 != c.p90 || worst != c.worst {
			t.Errorf("spread(%v) = %v, %v, %v, %v; want %v, %v, %v, %v", c.secs, mean, median, p90, worst, c.mean, c.median, c.p90, c.worst)
		}
	}
}

func TestWalkupHoursAreReadInTheOrgsZone(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	r := WalkupFigures(yearOfVisits(2, london), london)
	if r.Hours[0].Name != "09" || r.Days[0].Name != "Monday" || len(r.Days) != 5 || len(r.Sites) != 3 {
		t.Errorf("hours %v, days %v, sites %d", r.Hours, r.Days, len(r.Sites))
	}
	if r.Empty() || !(Walkup{}).Empty() {
		t.Error("Empty is wrong")
	}
}

// BenchmarkWalkupFiguresOverAYear works out the figures for a year of
// visits at three civic centres, 80 a day each: about 62,000 visits.
func BenchmarkWalkupFiguresOverAYear(b *testing.B) {
	london, _ := time.LoadLocation("Europe/London")
	visits := yearOfVisits(80, london)
	for b.Loop() {
		WalkupFigures(visits, london)
	}
	b.ReportMetric(float64(len(visits)), "visits")
}
