package desksvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
)

// prefetch reads records on another goroutine while the caller writes the
// ones before them, so parsing and decompressing a file overlaps with the
// database work instead of adding to it.
type prefetch struct {
	src    ticketcsv.Reader
	out    chan fetched
	rows   int
	cancel context.CancelFunc
}

type fetched struct {
	rec  ticketcsv.Record
	err  error
	rows int
}

func newPrefetch(ctx context.Context, src ticketcsv.Reader) *prefetch {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetch{src: src, out: make(chan fetched, 256), cancel: cancel}
	go func() {
		defer close(p.out)
		for {
			rec, err := src.Next()
			select {
			case p.out <- fetched{rec: rec, err: err, rows: src.Rows()}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return p
}

// Next is the next record, or the error the source stopped with.
func (p *prefetch) Next() (ticketcsv.Record, error) {
	f, ok := <-p.out
	if !ok {
		return ticketcsv.Record{}, context.Canceled
	}
	p.rows = f.rows
	return f.rec, f.err
}

// Rows is the rows read up to the record last returned.
func (p *prefetch) Rows() int { return p.rows }

// stop ends the reading goroutine early and waits for it, so the source is
// no longer touched once Import returns.
func (p *prefetch) stop() {
	p.cancel()
	for range p.out {
	}
}
