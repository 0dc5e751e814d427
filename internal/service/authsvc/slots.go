package authsvc

import (
	"context"
	"errors"
	"sync"
)

// slots shares the password checks that may run at once among client
// addresses in turn. An address holds at most one slot, and may have a few
// more attempts waiting; when a slot comes free it goes to the address that
// has waited longest since it was last served. So a flood from one address
// queues behind everyone else's attempts, one of its own at a time, and its
// excess is turned away instead of queueing without end.
type slots struct {
	mu      sync.Mutex
	free    int
	perAddr int // attempts an address may have running and waiting together
	holding map[string]bool
	waiting map[string][]chan struct{}
	turns   []string             // addresses waiting and holding no slot, longest-waiting first
	onGrant func(address string) // tests: called, in order, as each slot is given
}

// errAddressBusy is an attempt turned away because its address already has
// as many attempts running and waiting as it may.
var errAddressBusy = errors.New("too many attempts from this address at once")

func newSlots(n, perAddress int) *slots {
	return &slots{free: n, perAddr: perAddress, holding: map[string]bool{}, waiting: map[string][]chan struct{}{}}
}

// acquire waits for address's turn at a slot, or for ctx to end; release
// gives the slot back.
func (q *slots) acquire(ctx context.Context, address string) (release func(), err error) {
	release = func() { q.release(address) }
	q.mu.Lock()
	queued := len(q.waiting[address])
	if queued+boolInt(q.holding[address]) >= q.perAddr {
		q.mu.Unlock()
		return nil, errAddressBusy
	}
	if !q.holding[address] && q.free > 0 {
		q.grant(address)
		q.mu.Unlock()
		return release, nil
	}
	ready := make(chan struct{})
	if queued == 0 && !q.holding[address] {
		q.turns = append(q.turns, address)
	}
	q.waiting[address] = append(q.waiting[address], ready)
	q.mu.Unlock()

	select {
	case <-ready:
		return release, nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	select {
	case <-ready: // given a slot as the wait ended: hand it on
		q.releaseLocked(address)
	default:
		q.forget(address, ready)
	}
	return nil, ctx.Err()
}

func (q *slots) release(address string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.releaseLocked(address)
}

func (q *slots) releaseLocked(address string) {
	delete(q.holding, address)
	q.free++
	if len(q.waiting[address]) > 0 {
		q.turns = append(q.turns, address) // its next attempt goes to the back
	}
	q.dispatch()
}

// dispatch gives free slots to waiting addresses in turn.
func (q *slots) dispatch() {
	for q.free > 0 && len(q.turns) > 0 {
		address := q.turns[0]
		q.turns = q.turns[1:]
		ready := q.waiting[address][0]
		q.dropFirst(address)
		q.grant(address)
		close(ready)
	}
}

func (q *slots) grant(address string) {
	q.free--
	q.holding[address] = true
	if q.onGrant != nil {
		q.onGrant(address)
	}
}

// forget takes a waiting attempt that gave up out of the queue.
func (q *slots) forget(address string, ready chan struct{}) {
	w := q.waiting[address]
	for i, c := range w {
		if c == ready {
			q.waiting[address] = append(w[:i:i], w[i+1:]...)
			break
		}
	}
	if len(q.waiting[address]) > 0 {
		return
	}
	delete(q.waiting, address)
	for i, a := range q.turns {
		if a == address {
			q.turns = append(q.turns[:i:i], q.turns[i+1:]...)
			break
		}
	}
}

func (q *slots) dropFirst(address string) {
	if w := q.waiting[address][1:]; len(w) > 0 {
		q.waiting[address] = w
	} else {
		delete(q.waiting, address)
	}
}

// waitingCount is how many attempts are waiting for a slot.
func (q *slots) waitingCount() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, w := range q.waiting {
		n += len(w)
	}
	return n
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
