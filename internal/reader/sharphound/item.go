package sharphound

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/identity"
)

// item is what one data element says of its object.
type item struct {
	node        identity.Node
	hasID       bool
	deleted     bool
	session     bool // a sessions-file entry, which has no ObjectIdentifier
	lastLogonTS int64
	lastLogon   int64
	email, upn  string
}

func (r *sharpHoundReader) item() {
	s := &r.s
	r.pend = r.pend[:0]
	if !s.object() {
		s.fail("want an object, got null")
	}
	var it item
	var sessUser, sessComp int32 = -1, -1
	for k, ok := s.key(); ok; k, ok = s.key() {
		switch string(k) {
		case "ObjectIdentifier":
			id := s.text()
			if len(id) == 0 {
				s.fail("empty ObjectIdentifier")
			}
			r.id = append(r.id[:0], id...)
			it.hasID = true
		case "Properties":
			r.properties(&it)
		case "Aces":
			r.aces()
		case "Members":
			for _, m := range r.refList() {
				r.pend = append(r.pend, identity.Edge{From: m, To: self, Kind: identity.MemberOf})
			}
		case "PrimaryGroupSID":
			if id := s.str(); len(id) > 0 {
				r.pend = append(r.pend, identity.Edge{From: self, To: r.ref(id), Kind: identity.MemberOf})
			}
		case "AllowedToDelegate":
			for _, t := range r.refList() {
				r.pend = append(r.pend, identity.Edge{From: self, To: t, Kind: identity.AllowedToDelegate})
			}
		case "AllowedToAct":
			for _, p := range r.refList() {
				r.pend = append(r.pend, identity.Edge{From: p, To: self, Kind: identity.AllowedToAct})
			}
		case "HasSIDHistory":
			for _, t := range r.refList() {
				r.pend = append(r.pend, identity.Edge{From: self, To: t, Kind: identity.HasSIDHistory})
			}
		case "SpnTargets":
			r.spnTargets()
		case "Sessions", "PrivilegedSessions", "RegistrySessions":
			r.sessions()
		case "LocalAdmins":
			r.localRight(identity.AdminTo)
		case "RemoteDesktopUsers":
			r.localRight(identity.CanRDP)
		case "DcomUsers":
			r.localRight(identity.ExecuteDCOM)
		case "PSRemoteUsers":
			r.localRight(identity.CanPSRemote)
		case "LocalGroups":
			r.localGroups()
		case "ContainedBy":
			if c := r.oneRef(); c >= 0 {
				r.pend = append(r.pend, identity.Edge{From: c, To: self, Kind: identity.Contains})
			}
		case "ChildObjects":
			for _, c := range r.refList() {
				r.pend = append(r.pend, identity.Edge{From: self, To: c, Kind: identity.Contains})
			}
		case "Links":
			r.links()
		case "Trusts":
			if s.array() {
				for s.elem() {
					s.skip()
					r.stats.Trusts++
				}
			}
		case "IsDeleted":
			it.deleted = s.boolean()
		case "UnconstrainedDelegation":
			r.flag(&it, identity.UnconstrainedDelegation)
		case "IsDC":
			r.flag(&it, identity.DomainController)
		case "UserSID":
			// A session entry whose user SharpHound could not resolve is
			// still a session entry, not an object missing its id.
			it.session = true
			if id := s.str(); len(id) > 0 {
				sessUser = r.ref(id)
			}
		case "ComputerSID":
			it.session = true
			if id := s.str(); len(id) > 0 {
				sessComp = r.ref(id)
			}
		default:
			s.skip()
		}
	}
	if it.deleted {
		r.stats.Deleted++
		return
	}
	if sessUser >= 0 && sessComp >= 0 {
		r.pend = append(r.pend, identity.Edge{From: sessComp, To: sessUser, Kind: identity.HasSession})
	}
	at := self
	if it.hasID {
		at = r.describe(&it)
	} else if !it.session {
		s.fail("the object has no ObjectIdentifier")
	}
	for _, e := range r.pend {
		if e.From == self || e.To == self {
			if at == self {
				s.fail("the object has no ObjectIdentifier")
			}
			if e.From == self {
				e.From = at
			}
			if e.To == self {
				e.To = at
			}
		}
		r.b.Edge(e.From, e.To, e.Kind)
	}
}

// describe records the object, joining what it says to anything already
// said of the same id.
func (r *sharpHoundReader) describe(it *item) int32 {
	i := r.ref(r.id)
	n := r.b.Node(i)
	src := &it.node
	n.Flags |= src.Flags | identity.Described
	setIf(&n.Name, src.Name)
	setIf(&n.Directory, src.Directory)
	setIf(&n.OS, src.OS)
	if it.email != "" {
		n.Mail = it.email
	} else {
		setIf(&n.Mail, it.upn)
	}
	if it.lastLogonTS > 0 {
		n.LastLogon = it.lastLogonTS
	} else if it.lastLogon > 0 {
		n.LastLogon = it.lastLogon
	}
	if src.PwdLastSet > 0 {
		n.PwdLastSet = src.PwdLastSet
	}
	if src.Created > 0 {
		n.Created = src.Created
	}
	r.described = append(r.described, i)
	r.stats.Objects++
	if r.objDomain == "" {
		r.objDomain = n.Directory
	}
	return i
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func (r *sharpHoundReader) flag(it *item, f identity.Flag) {
	if r.s.boolean() {
		it.node.Flags |= f
	}
}

// interned returns a string for a value many objects repeat (their domain,
// their operating system), allocating it once.
func (r *sharpHoundReader) interned(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if v, ok := r.intern[string(b)]; ok {
		return v
	}
	v := keep(b)
	if len(r.intern) < 4096 {
		r.intern[v] = v
	}
	return v
}

// keep copies bytes from the scanner into a string, replacing invalid
// UTF-8 so that names are safe to show.
func keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(b)
}

func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD"))
}
