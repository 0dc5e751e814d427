// Package sharphound reads Active Directory as SharpHound's collector
// writes it (v5 and v6 JSON, a folder, a zip or one file) into an
// identity.Builder, as a stream: a collection is never held whole.
package sharphound

import (
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
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
	b       *identity.Builder
	s       scanner
	stats   Stats
	records *bounded.Records // the collection's objects, across its files
	byName  map[string]*int
	intern  map[string]string
	sids    sidCache

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
	return &sharpHoundReader{b: b, byName: map[string]*int{}, intern: map[string]string{}, records: bounded.NewRecords("objects")}
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
				if err := r.records.Add(); err != nil {
					s.failLimit(err.(*bounded.LimitError))
				}
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
		panic(&reader.ParseError{File: s.file, Path: "$.meta.type", Reason: "not a SharpHound file type: " + quoteShort(typ)})
	}
	if r.metaVersion != 0 && r.metaVersion != 5 && r.metaVersion != 6 {
		panic(&reader.ParseError{File: s.file, Path: "$.meta.version", Reason: "ward reads SharpHound format versions 5 and 6, not " + strconv.FormatInt(r.metaVersion, 10)})
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
