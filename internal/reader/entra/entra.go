// Package entra reads an Entra ID export (docs/entra-json.md: Graph's
// objects in one JSON file, plain or gzipped) into an identity.Builder. Its
// Graph types are exported for identitygen, which writes such exports.
package entra

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Summary is what an Entra export says beyond the graph: the tenant,
// when the export was taken, and counts for the import's report. Role
// assignments ward reads but does not draw (those scoped below the tenant)
// are counted, so that nothing is dropped silently.
type Summary struct {
	TenantID   string
	Domain     string // the tenant's default domain, upper-cased: the directory's name
	ExportedAt int64  // Unix seconds; zero when the export does not say

	Users, Guests, Groups, ServicePrincipals, Applications int
	// Registration counts the users with a row of Graph's MFA registration
	// report. When it is zero the export had none, and a user without
	// MFARegistered is unknown rather than unregistered.
	Registration int
	// Active and Eligible count tenant-wide role assignments, drawn as
	// HasRole and HasEligibleRole edges.
	Active, Eligible int
	// Scoped counts assignments to an administrative unit or a single
	// application: real, but not control of the tenant, so not drawn.
	Scoped int
}

// Open reads an Entra export (docs/entra-json.md) from a file, plain
// or gzipped.
func Open(path string) (*identity.Directory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := identity.NewBuilder(identity.EntraID)
	if err := Read(b, path, f); err != nil {
		return nil, err
	}
	return b.Directory(), nil
}

// Read reads an Entra export into b; file names the input in errors.
// Bad input is refused with a *ParseError naming the JSON path of the bad
// value; b then holds part of the export and should be dropped.
func Read(b *identity.Builder, file string, r io.Reader) error {
	_, err := ReadSummary(b, file, r)
	return err
}

// ReadSummary is Read, also giving what the export says of
// itself, for the import's report.
func ReadSummary(b *identity.Builder, file string, r io.Reader) (Summary, error) {
	text, err := entraText(file, r)
	if err != nil {
		return Summary{}, err
	}
	er := &entraReader{
		b: b, file: file, dec: jsontext.NewDecoder(text),
		seen: map[string]bool{}, defs: map[string]RoleDefinition{},
		spByApp: map[string]int32{}, roles: map[string]int32{},
		records: bounded.NewRecords("objects"),
	}
	if err := er.read(); err != nil {
		return Summary{}, err
	}
	return er.sum, nil
}

// entraText undoes what tools do to an export on its way to ward: gzip,
// and the byte-order mark Windows PowerShell puts before UTF-8.
func entraText(file string, r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := bounded.Gzip(br)
		if err != nil {
			return nil, &reader.ParseError{File: file, Reason: "not a readable gzip file: " + err.Error()}
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	} else {
		br = bufio.NewReaderSize(bounded.Plain(br), 64<<10)
	}
	bom, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}), bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		return nil, &reader.ParseError{File: file, Reason: "the file is UTF-16 and ward reads UTF-8: " +
			"write it with PowerShell 7 (which writes UTF-8), or give Windows PowerShell's Set-Content -Encoding utf8"}
	}
	return &jsonGuard{r: br}, nil
}

// entraReader walks the export's top-level object, reading each array an
// element at a time so a large tenant is never held whole. The tenant may
// come anywhere in the object, so what needs its id or domain (names, role
// nodes) waits for finish.
type entraReader struct {
	b    *identity.Builder
	file string
	dec  *jsontext.Decoder
	sum  Summary
	// records counts the elements of every top-level array.
	records *bounded.Records

	tenant    *Tenant
	seen      map[string]bool           // top-level members read
	described []int32                   // groups, users and service principals, named in finish
	defs      map[string]RoleDefinition // by id, lower-case
	grants    []entraGrant
	spByApp   map[string]int32 // service principals by appId, lower-case
	appOwners []entraAppOwners
	roles     map[string]int32 // role nodes by id
}

type entraGrant struct {
	principal int32
	role      string // roleDefinitionId, lower-case
	eligible  bool
}

type entraAppOwners struct {
	appID  string
	owners []int32
}

// entraMembers are the top-level members of an export, for the message
// that refuses any other.
const entraMembers = "tenant, exportedAt, users, groups, servicePrincipals, applications, " +
	"roleDefinitions, roleAssignments and roleEligibilitySchedules"

func (r *entraReader) read() error {
	tok, err := r.dec.ReadToken()
	if err == io.EOF {
		return r.refuse("", "the file is empty: the export did not run to the end, or wrote nothing")
	}
	if err != nil {
		return r.fail(err)
	}
	if tok.Kind() != '{' {
		return r.refuse("$", "want an object, not "+graphKind(tok.Kind())+": an Entra export is one JSON object (see docs/entra-json.md)")
	}
	for {
		tok, err := r.dec.ReadToken()
		if err != nil {
			return r.fail(err)
		}
		if tok.Kind() == '}' {
			break
		}
		if err := r.member(tok.String()); err != nil {
			return err
		}
	}
	// One export per file: JSON after the closing brace is two exports
	// run together or a stray line, and either way not what was meant.
	if _, err := r.dec.ReadToken(); err != io.EOF {
		if err == nil {
			return r.refuse("$", "more JSON after the export's closing brace: give one export per file")
		}
		return r.fail(err)
	}
	return r.finish()
}

func (r *entraReader) member(name string) error {
	r.seen[name] = true // a repeated name jsontext has refused already
	switch name {
	case "tenant":
		t, err := decodeGraph[Tenant](r)
		r.tenant = &t
		return err
	case "exportedAt":
		t, err := decodeGraph[Time](r)
		r.sum.ExportedAt = int64(t)
		return err
	case "users":
		return r.array(name, r.user)
	case "groups":
		return r.array(name, r.group)
	case "servicePrincipals":
		return r.array(name, r.servicePrincipal)
	case "applications":
		return r.array(name, r.application)
	case "roleDefinitions":
		return r.array(name, r.roleDefinition)
	case "roleAssignments":
		return r.array(name, func(i int) error { return r.grant(name, i, false) })
	case "roleEligibilitySchedules":
		return r.array(name, func(i int) error { return r.grant(name, i, true) })
	}
	if strings.HasPrefix(name, "@") { // an OData annotation such as @odata.context
		if err := r.dec.SkipValue(); err != nil {
			return r.fail(err)
		}
		return nil
	}
	// A misspelt "user" would otherwise leave the tenant without users and
	// say nothing.
	return r.refuse(graphPath(jsontext.Pointer("").AppendToken(name)),
		"ward does not know this member; an Entra export has "+entraMembers)
}

// array reads a top-level array, giving each element's index to each,
// which decodes the element itself.
func (r *entraReader) array(name string, each func(i int) error) error {
	tok, err := r.dec.ReadToken()
	if err != nil {
		return r.fail(err)
	}
	if tok.Kind() != '[' {
		return r.refuse("$."+name, "want an array, not "+graphKind(tok.Kind()))
	}
	for i := 0; r.dec.PeekKind() != ']'; i++ {
		if err := r.records.Add(); err != nil {
			return &reader.ParseError{File: r.file, Path: fmt.Sprintf("$.%s[%d]", name, i), Reason: err.Error(), Err: err}
		}
		if err := each(i); err != nil {
			return err
		}
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return r.fail(err)
	}
	return nil
}

// decodeGraph reads the next value as a T.
func decodeGraph[T any](r *entraReader) (T, error) {
	var v T
	if err := json.UnmarshalDecode(r.dec, &v); err != nil {
		return v, r.fail(err)
	}
	return v, nil
}

func (r *entraReader) fail(err error) error { return graphFail(r.file, r.dec, err) }

func (r *entraReader) refuse(path, reason string) error {
	return &reader.ParseError{File: r.file, Path: path, Reason: reason}
}

// describe adds a node the export describes, refusing a second description
// of one id: two objects cannot share an id, so the export is wrong (most
// often a page of results appended twice).
func (r *entraReader) describe(n identity.Node, path string) (int32, error) {
	if i := r.b.Ref(n.ID); r.b.Node(i).Is(identity.Described) {
		return 0, r.refuse(path, fmt.Sprintf("%s is described twice in this export", graphQuote(n.ID)))
	}
	return r.b.Describe(n), nil
}

// ref is a member, owner or principal the export names; if the export does
// not describe it, its @odata.type at least says what kind it is.
func (r *entraReader) ref(g Ref, path string) (int32, error) {
	if g.ID == "" {
		return 0, r.refuse(path+".id", "missing: want the object id of this member or owner")
	}
	i := r.b.Ref(g.ID)
	if n := r.b.Node(i); !n.Is(identity.Described) && n.Kind == identity.UnknownKind {
		n.Kind = graphNodeKind(g.Type)
	}
	return i, nil
}

func graphNodeKind(odataType string) identity.Kind {
	switch strings.TrimPrefix(odataType, "#microsoft.graph.") {
	case "user":
		return identity.User
	case "group":
		return identity.Group
	case "servicePrincipal":
		return identity.ServicePrincipal
	case "device":
		return identity.Computer
	}
	return identity.UnknownKind
}
