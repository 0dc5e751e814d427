package cli

import (
	"fmt"
	"io"
	"time"
)

// demoProgress says on w, a line at a time, which part of the demo is being
// made, so the half-minute or so of filling a new database is visibly
// spent. It prints whether or not w is a terminal: the lines are few and go
// to stderr, leaving stdout to the sign-ins. done closes with the time
// taken.
type demoProgress struct {
	w     io.Writer
	start time.Time
}

func newDemoProgress(w io.Writer) *demoProgress {
	fmt.Fprintln(w, "Filling the demo database:")
	return &demoProgress{w: w, start: time.Now()}
}

func (p *demoProgress) step(part string) { fmt.Fprintf(p.w, "  %s…\n", part) }

func (p *demoProgress) done() {
	fmt.Fprintf(p.w, "  done in %.1f s\n", time.Since(p.start).Seconds())
}
