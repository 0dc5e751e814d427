// Package service holds the services that carry out requests, one package
// each below it (accountsvc, authsvc, desksvc, posturesvc, identitysvc,
// warpsvc, mailsvc), and names them together here so that the composition
// root can build the set once and hand it to the adapters and the demo.
package service

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/cafsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// Set is every service, built once over one store by app.New.
type Set struct {
	Accounts *accountsvc.Service
	Auth     *authsvc.Service
	Desk     *desksvc.Service
	Posture  *posturesvc.Service
	Identity *identitysvc.Service
	Warp     *warpsvc.Service
	Search   *searchsvc.Service
	Walkup   *walkupsvc.Service
	Major    *majorsvc.Service
	People   *peoplesvc.Service
	Policy   *policysvc.Service
	Training *trainingsvc.Service
	Phishing *phishingsvc.Service
	CAF      *cafsvc.Service
	// Now is the clock the services keep time by: what pages show as now
	// and date their files by, so that a test's clock moves them all.
	Now func() time.Time
	// Ping checks that the database answers, for the readiness probe.
	Ping func(context.Context) error
}
