// Package sharphound reads Active Directory as SharpHound's collector
// writes it (v5 and v6 JSON, a folder, a zip or one file) into an
// identity.Builder, as a stream: a collection is never held whole.
package sharphound

import (
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
)

// SharpHound's collector writes one JSON file per kind of object
// (users.json, groups.json, …), each {"data": [...], "meta": {"type": …}}
// — data first, so a reader cannot wait for the type before it reads the
// objects. This reader applies whatever fields an object has (an ACE list
// means the same on a user as on a GPO), remembers which nodes the file
// described, and gives them their kind once the file's type is known.

// Stats counts what an import read and what it set aside, so the
// person importing can see nothing was silently lost.
type Stats struct {
	Files    int
	Objects  int            // objects described
	Deleted  int            // objects marked deleted, left out
	Trusts   int            // domain trusts listed (not modelled)
	Ignored  int            // ACEs whose right ward does not model
	ByRight  map[string]int // the ignored rights by name (the first 256 names)
	Unkinded int            // objects of kinds ward has no kind for (certificate services)
}

// sharpHoundTypes maps meta.type to the kind of the objects in the file.
// Sessions files describe no objects. The certificate-services files are
// read for their ACLs; ward has no kind for their objects.
var sharpHoundTypes = map[string]identity.Kind{
	"users": identity.User, "computers": identity.Computer, "groups": identity.Group, "domains": identity.Domain,
	"ous": identity.OU, "gpos": identity.GPO, "containers": identity.Container, "sessions": identity.UnknownKind,
	"aiacas": identity.UnknownKind, "rootcas": identity.UnknownKind, "enterprisecas": identity.UnknownKind,
	"ntauthstores": identity.UnknownKind, "certtemplates": identity.UnknownKind, "issuancepolicies": identity.UnknownKind,
}

// aceRights are the ACE right names that become edges. Rights outside the
// ACL vocabulary (MemberOf, DCSync, …) are not accepted from an ACE: DCSync
// in particular is derived from the two replication rights, never read.
var aceRights = func() map[string]identity.EdgeKind {
	m := map[string]identity.EdgeKind{}
	for _, k := range []identity.EdgeKind{identity.GenericAll, identity.GenericWrite, identity.WriteDacl, identity.WriteOwner, identity.Owns, identity.AddMember, identity.AddSelf,
		identity.ForceChangePassword, identity.AllExtendedRights, identity.GetChanges, identity.GetChangesAll, identity.AddAllowedToAct,
		identity.AddKeyCredentialLink, identity.WriteSPN, identity.ReadLAPSPassword, identity.ReadGMSAPassword} {
		m[k.String()] = k
	}
	// Owner rights limited by an OWNER RIGHTS ACE still let the owner act.
	m["OwnsLimitedRights"] = identity.Owns
	m["WriteOwnerLimitedRights"] = identity.WriteOwner
	return m
}()

// localGroupRights maps a computer's local group, by RID, to what its
// members can do on the computer.
var localGroupRights = map[string]identity.EdgeKind{"544": identity.AdminTo, "555": identity.CanRDP, "562": identity.ExecuteDCOM, "580": identity.CanPSRemote}

// self stands for the object being read in edges recorded before its
// ObjectIdentifier (which SharpHound writes near the end) is known.
const self int32 = -1

// sharpHoundReader reads files into one builder, reusing its buffers.
type sharpHoundReader struct {
	b      *identity.Builder
	s      scanner
	stats  Stats
	byName map[string]*int
	intern map[string]string
	sids   sidCache

	described []int32         // nodes the current file described
	pend      []identity.Edge // the current object's edges, some to self
	refs      []int32         // scratch for lists of references
	members   []int32         // scratch for a local group's members
	id        []byte          // the current object's ObjectIdentifier
	sid       []byte          // scratch for an ACE's principal
	up        []byte          // scratch for upper-casing an id

	domainName string // from a domains file
	objDomain  string // from the first object's domain property

	// The current file's meta.
	metaType    string
	metaVersion int64
}

func newSharpHoundReader(b *identity.Builder) *sharpHoundReader {
	return &sharpHoundReader{b: b, byName: map[string]*int{}, intern: map[string]string{}}
}

// Read reads one SharpHound collector file into the builder and
// names the directory after its domain if it has no name yet. file names
// the input in errors, and tells the file's type when it has no meta. A
// malformed file is refused with a *ParseError; the builder then holds
// part of the file and should be dropped.
func Read(b *identity.Builder, file string, r io.Reader) error {
	rd := newSharpHoundReader(b)
	err := rd.read(file, r)
	rd.finish()
	return err
}

// finish names the directory: the domain a domains file described, or else
// the domain the objects say they belong to.
func (r *sharpHoundReader) finish() {
	if r.domainName != "" {
		r.b.SetName(r.domainName)
	} else if r.objDomain != "" {
		r.b.SetName(r.objDomain)
	}
	r.stats.ByRight = make(map[string]int, len(r.byName))
	for name, n := range r.byName {
		r.stats.ByRight[name] = *n
	}
}

func (r *sharpHoundReader) read(file string, in io.Reader) (err error) {
	defer func() {
		r.s.release()
		if v := recover(); v != nil {
			switch e := v.(type) {
			case *reader.ParseError:
				err = e
			case readError:
				err = e.err
			default:
				panic(v)
			}
		}
	}()
	s := &r.s
	s.reset(file, in)
	r.described = r.described[:0]
	r.metaType, r.metaVersion = "", 0
	firstName := ""
	sawData := false

	if s.peek() != '{' {
		s.want("an object")
	}
	s.object()
	for k, ok := s.key(); ok; k, ok = s.key() {
		switch string(k) {
		case "data":
			if s.peek() != '[' {
				s.want("an array")
			}
			s.array()
			sawData = true
			for s.elem() {
				n := len(r.described)
				r.item()
				if firstName == "" && len(r.described) > n {
					firstName = r.b.Node(r.described[n]).Name
				}
			}
		case "meta":
			r.meta()
		default:
			s.skip()
		}
	}
	if !s.atEnd() {
		s.fail("more after the end of the top-level object: " + s.describe())
	}
	if !sawData {
		s.fail(`no "data" array`)
	}

	typ := r.metaType
	if typ == "" {
		typ = typeFromFileName(file)
		if typ == "" {
			s.fail(`no meta.type, and the file name does not say which objects the file holds (as in 20240101123456_users.json)`)
		}
	}
	kind, known := sharpHoundTypes[typ]
	if !known {
		panic(&reader.ParseError{File: file, Path: "$.meta.type", Reason: "not a SharpHound file type: " + quoteShort(typ)})
	}
	if r.metaVersion != 0 && r.metaVersion != 5 && r.metaVersion != 6 {
		panic(&reader.ParseError{File: file, Path: "$.meta.version", Reason: "ward reads SharpHound format versions 5 and 6, not " + strconv.FormatInt(r.metaVersion, 10)})
	}
	for _, i := range r.described {
		n := r.b.Node(i)
		if kind == identity.UnknownKind {
			continue
		}
		n.Kind = kind
		if !kind.IsAccount() {
			// Groups, OUs and the like have no enabled attribute; they
			// are there, which is what Enabled means for them.
			n.Flags |= identity.Enabled
		}
	}
	if kind == identity.UnknownKind {
		r.stats.Unkinded += len(r.described)
	}
	if kind == identity.Domain && r.domainName == "" {
		r.domainName = firstName
	}
	r.stats.Files++
	return nil
}

// typeFromFileName reads the type from SharpHound's file naming,
// "20240101123456_users.json" or just "users.json".
func typeFromFileName(file string) string {
	name := file[strings.LastIndexByte(file, ':')+1:]
	name = strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
	name = strings.TrimSuffix(name, ".json")
	name = name[strings.LastIndexByte(name, '_')+1:]
	if _, ok := sharpHoundTypes[name]; ok {
		return name
	}
	return ""
}

func (r *sharpHoundReader) meta() {
	s := &r.s
	if s.peek() != '{' {
		s.want("an object")
	}
	s.object()
	for k, ok := s.key(); ok; k, ok = s.key() {
		switch string(k) {
		case "type":
			r.metaType = strings.ToLower(string(s.str()))
		case "version":
			r.metaVersion = s.integer()
		default:
			s.skip()
		}
	}
}

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
			id := s.str()
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
