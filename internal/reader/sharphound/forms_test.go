package sharphound

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
)

// The forms a collection arrives in (members in any order, a folder, a
// zip, one file) and what the reader refuses or joins.

// rewrite returns a fixture file with its top-level members in a new order
// (or some left out), the values untouched.
func rewrite(t *testing.T, data []byte, keys ...string) []byte {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + k + `":`)
		b.Write(top[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

func fixtureFiles(t *testing.T) (names []string, data [][]byte) {
	dir := sharpHoundFixtures(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
		data = append(data, b)
	}
	return names, data
}

func readAll(t *testing.T, names []string, data [][]byte) *identity.Directory {
	t.Helper()
	b := identity.NewBuilder(identity.ActiveDirectory)
	var files []NamedFile
	for i := range names {
		files = append(files, NamedFile{Name: names[i], Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data[i])), nil
		}})
	}
	if _, err := ReadFiles(b, files...); err != nil {
		t.Fatal(err)
	}
	return b.Directory()
}

func sameDirectory(t *testing.T, what string, got, want *identity.Directory) {
	t.Helper()
	if got.Name != want.Name || got.Source != want.Source ||
		!reflect.DeepEqual(got.Nodes, want.Nodes) || !reflect.DeepEqual(got.Edges, want.Edges) {
		t.Errorf("%s: directory differs (%d nodes %d edges, want %d and %d)", what, len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	}
}

func TestSharpHoundOrderOfMetaAndData(t *testing.T) {
	want := openFixture(t)
	names, data := fixtureFiles(t)

	// As SharpHound itself writes them: data first, meta last.
	last := make([][]byte, len(data))
	for i := range data {
		last[i] = rewrite(t, data[i], "data", "meta")
	}
	sameDirectory(t, "meta last", readAll(t, names, last), want)

	// No meta at all: the type comes from SharpHound's file names.
	bare := make([][]byte, len(data))
	stamped := make([]string, len(names))
	for i := range data {
		bare[i] = rewrite(t, data[i], "data")
		stamped[i] = "20240101123456_" + names[i]
	}
	sameDirectory(t, "no meta", readAll(t, stamped, bare), want)
}

func TestSharpHoundZipMatchesFolder(t *testing.T) {
	want := openFixture(t)
	names, data := fixtureFiles(t)
	zipPath := filepath.Join(t.TempDir(), "collection.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	// Written in reverse: the reader sorts entries, as it sorts a folder.
	for i := len(names) - 1; i >= 0; i-- {
		w, _ := zw.Create(names[i])
		w.Write(data[i])
	}
	zw.Create("README.txt")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, err := Open(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	sameDirectory(t, "zip", got, want)
}

func TestSharpHoundZipErrorNamesEntry(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "collection.zip")
	f, _ := os.Create(zipPath)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("20240101123456_users.json")
	w.Write([]byte(`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1105","Properties":{"enabled":"yes"}}]}`))
	zw.Close()
	f.Close()
	_, err := Open(zipPath)
	want := `collection.zip:20240101123456_users.json: $.data[0].Properties.enabled: want true or false, got "yes"`
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

func TestSharpHoundSingleFile(t *testing.T) {
	d, err := Open(filepath.Join(sharpHoundFixtures(t), "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	users := 0
	for _, n := range d.Nodes {
		if n.Kind == identity.User {
			users++
		}
	}
	if users != 17 || d.Name != "TESTLAB.LOCAL" {
		t.Errorf("%d users in %q, want 17 in TESTLAB.LOCAL", users, d.Name)
	}
}

func TestSharpHoundRefusesMalformed(t *testing.T) {
	fixtureUsers := func() string {
		b, err := os.ReadFile(filepath.Join(sharpHoundFixtures(t), "users.json"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct {
		name, file, in, want string
	}{
		{"flag of the wrong type", "users.json",
			`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-500","Properties":{"enabled":"yes"}}],"meta":{"type":"users"}}`,
			`users.json: $.data[0].Properties.enabled: want true or false, got "yes"`},
		{"time of the wrong type", "users.json",
			`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-500","Properties":{"whencreated":"yesterday"}}]}`,
			`users.json: $.data[0].Properties.whencreated: want a number, got "yesterday"`},
		{"data not an array", "users.json", `{"meta":{"type":"users"},"data":{"a":1}}`,
			`users.json: $.data: want an array, got an object`},
		{"no data", "users.json", `{"meta":{"type":"users","version":6}}`, `users.json: $: no "data" array`},
		{"not an object", "users.json", `[{"ObjectIdentifier":"S-1"}]`, `users.json: $: want an object, got an array`},
		{"empty file", "users.json", ``, `users.json: $: unexpected end of input`},
		{"object without ObjectIdentifier", "users.json",
			`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-500"},{"Properties":{"name":"X@Y"},"Aces":[]}]}`,
			`users.json: $.data[1]: the object has no ObjectIdentifier`},
		{"empty ObjectIdentifier", "users.json", `{"data":[{"ObjectIdentifier":""}]}`,
			`users.json: $.data[0].ObjectIdentifier: empty ObjectIdentifier`},
		{"member without ObjectIdentifier", "groups.json",
			`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-512","Members":[{"ObjectType":"User"}]}]}`,
			`groups.json: $.data[0].Members[0]: no ObjectIdentifier`},
		{"unknown type, no usable file name", "export.json",
			`{"data":[],"meta":{"type":"azure","version":6}}`,
			`export.json: $.meta.type: not a SharpHound file type: "azure"`},
		{"no type at all", "export.json", `{"data":[]}`,
			`export.json: $: no meta.type, and the file name does not say which objects the file holds (as in 20240101123456_users.json)`},
		{"old format", "users.json", `{"data":[],"meta":{"type":"users","version":3}}`,
			`users.json: $.meta.version: ward reads SharpHound format versions 5 and 6, not 3`},
		{"bad literal", "users.json", `{"data":[{"ObjectIdentifier":"S-1","IsDeleted":tru}]}`,
			`users.json: $.data[0].IsDeleted: want true or false, got tru`},
		{"missing comma", "users.json", `{"data":[{"ObjectIdentifier":"S-1" "Aces":[]}]}`,
			`users.json: $.data[0].ObjectIdentifier: want , or } after a member, got "Aces"`},
		{"garbage after the end", "users.json", `{"data":[]} {}`,
			`users.json: $: more after the end of the top-level object: an object`},
		{"bad escape in a skipped value", "users.json", `{"data":[{"ObjectIdentifier":"S-1","Properties":{"description":"a\qb"}}]}`,
			`users.json: $.data[0].Properties.description: bad escape in a string`},
		{"name not UTF-8", "users.json", "{\"data\":[{\"ObjectIdentifier\":\"S-1-5-21-1-2-3-500\",\"Properties\":{\"name\":\"J\xd6RG@TESTLAB.LOCAL\"}}]}",
			`users.json: $.data[0].Properties.name: is not valid UTF-8 text; save the export as UTF-8`},
		{"id not UTF-8", "users.json", "{\"data\":[{\"ObjectIdentifier\":\"S-1-5-21-1-2-3-50\xff\"}]}",
			`users.json: $.data[0].ObjectIdentifier: is not valid UTF-8 text; save the export as UTF-8`},
		{"member id not UTF-8", "groups.json", "{\"data\":[{\"ObjectIdentifier\":\"S-1-5-21-1-2-3-512\",\"Members\":[{\"ObjectIdentifier\":\"caf\xe9\",\"ObjectType\":\"User\"}]}]}",
			`groups.json: $.data[0].Members[0].ObjectIdentifier: is not valid UTF-8 text; save the export as UTF-8`},
		{"truncated", "users.json", fixtureUsers()[:30000], ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := identity.NewBuilder(identity.ActiveDirectory)
			err := Read(b, c.file, strings.NewReader(c.in))
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a *ParseError", err)
			}
			if pe.File != c.file {
				t.Errorf("file %q, want %q", pe.File, c.file)
			}
			if c.want == "" { // truncated: somewhere in an object, out of input
				if !strings.HasPrefix(pe.Path, "$.data[") || pe.Reason != "unexpected end of input" {
					t.Errorf("error %v", err)
				}
				return
			}
			if err.Error() != c.want {
				t.Errorf("error %s\n   want %s", err, c.want)
			}
		})
	}
}

func TestSharpHoundUnionAndEdgeCases(t *testing.T) {
	// One users file exercising what the fixtures don't: a lower-case GUID
	// matching an upper-case one, a deleted object, a right ward ignores,
	// e-mail, null values, escapes and a byte-order mark.
	in := "\xEF\xBB\xBF" + `{"data":[
	  {"Aces":[{"PrincipalSID":"S-1-5-21-1-2-3-512","RightName":"GenericAll"},
	           {"PrincipalSID":"S-1-5-21-1-2-3-9999","RightName":"WriteAccountRestrictions"},
	           {"PrincipalSID":"S-1-5-21-1-2-3-512","RightName":"OwnsLimitedRights"}],
	   "Properties":{"name":"J\u00d6RG@A.LOCAL","domain":"A.LOCAL","email":"jorg@a.gov.uk","userprincipalname":"jorg@a.local",
	                 "description":null,"operatingsystem":null,"lastlogon":1700000000,"lastlogontimestamp":-1,"serviceprincipalnames":["MSSQL/x"]},
	   "ContainedBy":{"ObjectIdentifier":"ecad920e-8eb1-4e31-a80e-dd36367f81f4","ObjectType":"Container"},
	   "ObjectIdentifier":"S-1-5-21-1-2-3-1105"},
	  {"ObjectIdentifier":"S-1-5-21-1-2-3-1106","IsDeleted":true,"Aces":[{"PrincipalSID":"S-1-5-21-1-2-3-777","RightName":"GenericAll"}]}
	],"meta":{"type":"users","version":6}}`
	b := identity.NewBuilder(identity.ActiveDirectory)
	rd := newSharpHoundReader(b)
	if err := rd.read("users.json", strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	container := `{"data":[{"ObjectIdentifier":"ECAD920E-8EB1-4E31-A80E-DD36367F81F4","Properties":{"name":"USERS@A.LOCAL"}}],"meta":{"type":"containers"}}`
	if err := rd.read("containers.json", strings.NewReader(container)); err != nil {
		t.Fatal(err)
	}
	rd.finish()
	d := b.Directory()

	u := nodeNamed(t, d, "JÖRG@A.LOCAL")
	n := d.Nodes[u]
	if n.Mail != "jorg@a.gov.uk" || n.LastLogon != 1700000000 || !n.Is(identity.HasSPN) || n.Kind != identity.User || d.Name != "A.LOCAL" {
		t.Errorf("user %+v in %q", n, d.Name)
	}
	if countEdges(d, nodeNamed(t, d, "DOMAIN ADMINS"), u, identity.Owns) != 1 ||
		countEdges(d, nodeNamed(t, d, "DOMAIN ADMINS"), u, identity.GenericAll) != 1 {
		t.Error("missing the GenericAll and Owns ACEs")
	}
	if c := nodeNamed(t, d, "USERS@A.LOCAL"); countEdges(d, c, u, identity.Contains) != 1 || d.Nodes[c].Kind != identity.Container {
		t.Error("the lower-case container reference did not meet the container")
	}
	// The deleted object is left out with its relations. (A principal its
	// ACL named stays as a bare placeholder: SharpHound writes IsDeleted
	// after the ACL, and the reader does not hold an object back to see.)
	for _, n := range d.Nodes {
		if strings.HasSuffix(n.ID, "-9999") || strings.HasSuffix(n.ID, "-1106") {
			t.Errorf("node %s left by an ignored ACE or a deleted object", n.ID)
		}
	}
	if len(d.Edges) != 3 || len(d.Nodes) != 4 {
		t.Errorf("%d nodes %d edges, want 4 and 3", len(d.Nodes), len(d.Edges))
	}
	if rd.stats.Deleted != 1 || rd.stats.Ignored != 1 || rd.stats.ByRight["WriteAccountRestrictions"] != 1 || rd.stats.Objects != 2 || rd.stats.Files != 2 {
		t.Errorf("stats %+v", rd.stats)
	}
}

func TestSharpHoundNamesDirectoryFromDomainsFile(t *testing.T) {
	b := identity.NewBuilder(identity.ActiveDirectory)
	files := []NamedFile{
		stringFile("1_users.json", `{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1105","Properties":{"domain":"CHILD.A.LOCAL"}}]}`),
		stringFile("1_domains.json", `{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3","Properties":{"name":"A.LOCAL","domain":"A.LOCAL"}}]}`),
	}
	if _, err := ReadFiles(b, files...); err != nil {
		t.Fatal(err)
	}
	if d := b.Directory(); d.Name != "A.LOCAL" {
		t.Errorf("name %q, want the domain's A.LOCAL", d.Name)
	}
}

func stringFile(name, s string) NamedFile {
	return NamedFile{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }}
}
