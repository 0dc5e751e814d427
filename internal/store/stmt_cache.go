package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// SQLite parses a statement's text on every run unless it is prepared, and
// the parse was a tenth of a ticket list page's CPU. Reads outside a
// transaction are therefore run from prepared statements kept by their
// text (database/sql prepares each on a connection the first time it is
// used there). PostgreSQL's driver keeps its own statement cache.
//
// Only fixed texts repeat; a list's text varies with its filter, so the
// kept set is bounded and simply emptied when full.
const stmtCacheSize = 256

type stmtCache struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// cachedStmt is the prepared form of a read, or nil when the query should
// run as it is: on PostgreSQL, inside a transaction, or not a SELECT.
func (s *Store) cachedStmt(ctx context.Context, query string) *sql.Stmt {
	if s.dialect != SQLite || !isSelect(query) {
		return nil
	}
	if _, inTx := ctx.Value(txKey{}).(*sql.Tx); inTx {
		return nil
	}
	c := &s.stmts
	c.mu.RLock()
	st := c.stmts[query]
	c.mu.RUnlock()
	if st != nil {
		return st
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // run unprepared; its error is reported there
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.stmts[query]; old != nil {
		st.Close()
		return old
	}
	if c.stmts == nil || len(c.stmts) >= stmtCacheSize {
		c.closeAll()
	}
	c.stmts[query] = st
	return st
}

// closeAll closes the kept statements and starts afresh; the caller holds mu.
// A statement closed while another goroutine runs it finishes that run:
// database/sql closes it once its last use is done.
func (c *stmtCache) closeAll() {
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = make(map[string]*sql.Stmt)
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeAll()
}

func isSelect(query string) bool {
	q := strings.TrimLeft(query, " \t\n")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}
