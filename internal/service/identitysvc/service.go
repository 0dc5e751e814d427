// Package identitysvc is the single entry point for the councils'
// directories: importing SharpHound collections and Entra exports, joining
// an org's directories into one graph, working out its attack paths and
// identity score, and keeping the identity findings that result. Web pages,
// the JSON API and the CLI all come through here, so the rights checks and
// the audit trail are the same whichever door is used.
package identitysvc

import (
	"sync"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// errForbidden means the principal's role or scope does not allow the
// action; adapters map it, as every fault, in one place each.
var errForbidden = fault.Forbidden("your role does not give you this access to identity risk")

var invalid = fault.Invalid

var require = accountsvc.Require

// Service holds the store, and the estate service whose per-org control
// settings the identity checks share.
type Service struct {
	Store   *store.Store
	Posture *posturesvc.Service

	// cache keeps the last analyses read, keyed by the snapshots and Tier
	// Zero additions they came from, so the pages of a big directory do
	// not decode and walk it again for every request.
	mu    sync.Mutex
	cache map[int64]*cached
	// changes keeps each org's last comparison with its previous
	// snapshots, keyed the same way.
	changes map[int64]*cachedChange
}

type cached struct {
	key      string
	analysis *identity.Analysis
}

type cachedChange struct {
	key    string
	change Change
}

// New returns the directories service.
func New(st *store.Store, est *posturesvc.Service) *Service {
	return &Service{Store: st, Posture: est, cache: map[int64]*cached{}, changes: map[int64]*cachedChange{}}
}
