package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// What each object is like, drawn from its own random stream so that the
// counting pass and the writing pass (and the sessions file, written after
// the computers) see the same object.

const genDay = 86400

const (
	stActive = iota
	stStale  // enabled, not signed in for more than 90 days
	stDisabled
	stNever // enabled, never signed in
)

type genUser struct {
	state                                             int
	first, last                                       int
	sensitive, noPreauth, pwdNotReqd, pwdNeverExpires bool
	spn                                               int // index into genServices, or -1
	created, pwdSet, lastLogon, lastLogonTS           int64
}

func (g *adGen) ago(r *genRand, loDays, hiDays int) int64 {
	return g.now - int64(r.between(loDays*genDay, hiDays*genDay))
}

func (g *adGen) userFacts(u int32) genUser {
	r := genStream(g.seed, identity.User, u, 1)
	x := r.intn(1000)
	f := genUser{spn: -1, first: r.intn(len(genFirstNames)), last: r.intn(len(genSurnames))}
	switch {
	case u == 0: // Administrator: rarely used, in some domains not for months
		f.pwdNeverExpires = true
		if x < 500 {
			f.state = stStale
		}
	case u == 1:
		f.state, f.pwdNotReqd = stDisabled, true
	case u == 2:
		f.state = stDisabled
	case u < g.uSvc:
		a := int(u - g.uAdm)
		if a%5 == 4 {
			f.state = stStale
		}
		f.pwdNeverExpires = a%3 != 0
		f.sensitive = int32(a) < g.nDA && a%2 == 0
		if a%7 == 2 {
			f.spn = 0 // an admin account someone once ran SQL Server as
		}
	case u < g.uStaff:
		if x < 100 {
			f.state = stStale
		}
		f.pwdNeverExpires = true
		if k := int(u - g.uSvc); k > 0 && genServices[(k-1)%len(genServices)].spn != "" {
			f.spn = (k - 1) % len(genServices)
		}
	default:
		switch {
		case x < 20:
			f.state = stDisabled
		case x < 100:
			f.state = stStale
		case x < 110:
			f.state = stNever
		}
		f.pwdNeverExpires = r.chance(0.04)
		f.pwdNotReqd = r.chance(0.005) || u == g.uStaff+11
		f.noPreauth = r.chance(0.003) || u == g.uStaff+7
	}
	switch f.state {
	case stActive:
		f.lastLogonTS = g.ago(&r, 0, 14)
		f.lastLogon = min(g.now, f.lastLogonTS+int64(r.intn(14*genDay)))
	case stStale:
		f.lastLogonTS = g.ago(&r, 91, 900)
		f.lastLogon = f.lastLogonTS
	case stDisabled:
		f.lastLogonTS = g.ago(&r, 120, 1500)
		f.lastLogon = f.lastLogonTS
	default:
		f.lastLogonTS = -1
	}
	if f.pwdNeverExpires || (u >= g.uSvc && u < g.uStaff) {
		f.pwdSet = g.ago(&r, 200, 2500)
	} else {
		f.pwdSet = g.ago(&r, 0, 365)
	}
	if u == 2 { // krbtgt: in many domains never rotated since the domain was built
		k := genRand{genMix(g.seed ^ 0x6b72)}
		if k.chance(0.6) {
			f.pwdSet = g.ago(&k, 400, 2500)
		} else {
			f.pwdSet = g.ago(&k, 20, 150)
		}
	}
	if f.state != stActive && f.lastLogonTS > 0 && f.pwdSet > f.lastLogonTS {
		f.pwdSet = f.lastLogonTS - int64(r.intn(200*genDay))
	}
	f.created = f.pwdSet
	if f.lastLogonTS > 0 && f.lastLogonTS < f.created {
		f.created = f.lastLogonTS
	}
	f.created -= int64(r.between(genDay, 2500*genDay))
	if u < g.uAdm { // the built-in accounts came with the domain
		f.created = g.domainCreated() + int64(u)
	}
	return f
}

// userActive says whether a user signs in these days, so only they have
// sessions.
func (g *adGen) userActive(u int32) bool { return g.userFacts(u).state == stActive }

type genComputer struct {
	state                    int
	laps                     bool
	os                       string
	created, pwdSet, logonTS int64
	lastLogon                int64
}

func (g *adGen) computerFacts(c int32) genComputer {
	r := genStream(g.seed, identity.Computer, c, 1)
	x := r.intn(1000)
	var f genComputer
	switch {
	case c < g.cSrv:
		f.os = "Windows Server 2022 Datacenter"
		if c%2 == 1 {
			f.os = "Windows Server 2019 Datacenter"
		}
	case c < g.cWS:
		f.os = genServerOS[r.intn(len(genServerOS))]
		f.laps = r.chance(0.4)
		if x < 50 {
			f.state = stStale
		}
	default:
		f.os = genWorkstationOS[r.intn(len(genWorkstationOS))]
		if x < 10 {
			f.os = "Windows 7 Professional" // the PC nobody dares switch off
		}
		f.laps = r.chance(0.8)
		switch {
		case x < 40:
			f.state = stDisabled
		case x < 140:
			f.state = stStale
		}
	}
	switch f.state {
	case stActive:
		f.logonTS = g.ago(&r, 0, 14)
		f.lastLogon = min(g.now, f.logonTS+int64(r.intn(14*genDay)))
		f.pwdSet = g.ago(&r, 0, 30) // machine passwords rotate monthly
	case stStale:
		f.logonTS = g.ago(&r, 91, 700)
		f.lastLogon, f.pwdSet = f.logonTS, f.logonTS-int64(r.intn(30*genDay))
	default:
		f.logonTS = g.ago(&r, 120, 1200)
		f.lastLogon, f.pwdSet = f.logonTS, f.logonTS-int64(r.intn(30*genDay))
	}
	f.created = f.pwdSet - int64(r.between(genDay, 2000*genDay))
	return f
}
