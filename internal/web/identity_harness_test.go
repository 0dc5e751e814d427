package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// identitySeed is the directory seedIdentity gave an org, by the names
// and ids the tests look for. Every name starts with the org's slug in
// capitals and -PROBE (the demo's own directories name nothing so), so a
// page that shows another org's object is caught.
type identitySeed struct {
	domain string
	names  []string // every object's name
	// Jo (in the helpdesk, which can reset a Domain Admin's password) and
	// Kim (admin of a PC a Domain Admin is signed in on) reach Tier Zero.
	jo, kim string
	// Backup has no path into Tier Zero; Operator has GenericAll on it, so
	// making Backup Tier Zero gives Operator a path.
	backup, operator, operatorName string
}

// councilDirectory is a small Active Directory domain for an org, built
// by hand so the tests do not depend on any export:
//
//	P-JO  MemberOf  P-HELPDESK  ForceChangePassword  P-SVC-ADMIN  MemberOf  DOMAIN ADMINS
//	P-KIM  AdminTo  P-PC-1  HasSession  P-SVC-ADMIN
//	P-OPERATOR  GenericAll  P-BACKUP
//
// where P is the slug in capitals and -PROBE, and the domain P.LOCAL.
func councilDirectory(slug string, n int64, now time.Time) (*identity.Directory, identitySeed) {
	p := strings.ToUpper(slug) + "-PROBE"
	domain := p + ".LOCAL"
	sid := fmt.Sprintf("S-1-5-21-7000-%d-99", n)
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName(domain)
	seed := identitySeed{domain: domain}
	node := func(rid, name string, kind identity.Kind) (int32, string) {
		id := sid + "-" + rid
		seed.names = append(seed.names, name)
		return b.Describe(identity.Node{ID: id, Name: name, Kind: kind, Flags: identity.Enabled, Directory: domain,
			LastLogon: now.Add(-24 * time.Hour).Unix(), PwdLastSet: now.AddDate(0, -1, 0).Unix(), Created: now.AddDate(-1, 0, 0).Unix()}), id
	}
	dom := b.Describe(identity.Node{ID: sid, Name: domain, Kind: identity.Domain, Flags: identity.Enabled, Directory: domain})
	da, _ := node("512", "DOMAIN ADMINS@"+domain, identity.Group)
	svc, _ := node("1001", p+"-SVC-ADMIN@"+domain, identity.User)
	helpdesk, _ := node("1002", p+"-HELPDESK@"+domain, identity.Group)
	jo, joID := node("1003", p+"-JO@"+domain, identity.User)
	pc, _ := node("1004", p+"-PC-1."+domain, identity.Computer)
	kim, kimID := node("1005", p+"-KIM@"+domain, identity.User)
	backup, backupID := node("1006", p+"-BACKUP."+domain, identity.Computer)
	operator, operatorID := node("1007", p+"-OPERATOR@"+domain, identity.User)
	b.Edge(svc, da, identity.MemberOf)
	b.Edge(da, dom, identity.GenericAll)
	b.Edge(helpdesk, svc, identity.ForceChangePassword)
	b.Edge(jo, helpdesk, identity.MemberOf)
	b.Edge(pc, svc, identity.HasSession)
	b.Edge(kim, pc, identity.AdminTo)
	b.Edge(operator, backup, identity.GenericAll)
	seed.jo, seed.kim, seed.backup, seed.operator, seed.operatorName = joID, kimID, backupID, operatorID, p+"-OPERATOR@"+domain
	return b.Directory(), seed
}

// seedIdentity imports a councilDirectory into every org through the
// directories service, as the command line would.
func seedIdentity(t testing.TB, st *store.Store) map[string]identitySeed {
	t.Helper()
	ctx := context.Background()
	svc := identitysvc.New(st, posturesvc.New(st, desksvc.New(st)))
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]identitySeed{}
	for _, o := range orgs {
		d, seed := councilDirectory(o.Slug, o.ID, st.Now())
		if _, err := svc.ImportDirectory(ctx, tenancy.Operator("cli:test"), o.ID, strings.ToLower(o.Slug)+"-probe.json", d); err != nil {
			t.Fatalf("seed the directory of %s: %v", o.Slug, err)
		}
		paths, err := svc.PathsOf(ctx, tenancy.Operator("cli:test"), o.ID, "-PROBE-", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths.Principals) != 3 {
			t.Fatalf("%s's seeded directory has %d accounts reaching Tier Zero, want 3 (Jo, Kim and the PC)", o.Slug, len(paths.Principals))
		}
		out[o.Slug] = seed
	}
	return out
}

// sharpHoundFixture is BloodHound CE's SharpHound v6 test domain (TESTLAB.LOCAL)
// in the shared data beside the checkout, zipped as SharpHound delivers it.
// Tests that need it skip, saying why, when it is not there.
func sharpHoundFixture(t testing.TB) []byte {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "identity", "sharphound-v6")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("the SharpHound fixture is not here (no .json in %s): it lives in ../shared/data beside the checkout", dir)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create("20261101_" + filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entraSample is the Entra export kept with the identity package.
func entraSample(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "reader", "entra", "testdata", "entra-ashcombe.json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// identityUpload is the import form as a browser sends it: the source
// select, then the file.
func identityUpload(t *testing.T, c *http.Client, target, source, name string, content []byte) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("source", source)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}
