package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress draws a bar on a terminal for long imports and stays silent when
// stderr is a pipe or a file, so scripts see only the result.
type progress struct {
	w     io.Writer
	total int64
	read  func() int64
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, total int64, read func() int64) *progress {
	f, ok := w.(*os.File)
	if !ok || total <= 0 {
		return &progress{}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: w, total: total, read: read}
}

func (p *progress) update() {
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	frac := float64(p.read()) / float64(p.total)
	frac = min(max(frac, 0), 1)
	const width = 40
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100)
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", 50)+"\r")
	}
}
