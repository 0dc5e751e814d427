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
// kept set is bounded: once full, further texts run unprepared. Nothing is
// evicted, because a statement closed while another request has just taken
// it from the set would fail that request ("statement is closed").
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
	c.mu.RLock()
	full := len(c.stmts) >= stmtCacheSize
	c.mu.RUnlock()
	if full {
		return nil
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
	if c.stmts == nil {
		c.stmts = make(map[string]*sql.Stmt)
	}
	c.stmts[query] = st
	return st
}

// close closes the kept statements, when the store closes.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}

func isSelect(query string) bool {
	q := strings.TrimLeft(query, " \t\n")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}
