package web_test

import (
	"archive/zip"
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// identitySeed is the directory seedIdentity gave an org, by the names
// and ids the tests look for (webtest.IdentitySeed, under the names the
// web tests use).
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

// councilDirectory is a small Active Directory domain for an org (see
// webtest.CouncilDirectory).
func councilDirectory(slug string, n int64, now time.Time) (*identity.Directory, identitySeed) {
	d, seed := webtest.CouncilDirectory(slug, n, now)
	return d, identitySeedOf(seed)
}

// seedIdentity imports a councilDirectory into every org through the
// directories service, as the command line would.
func seedIdentity(t testing.TB, st *store.Store) map[string]identitySeed {
	t.Helper()
	out := map[string]identitySeed{}
	for slug, seed := range webtest.SeedIdentity(t, st) {
		out[slug] = identitySeedOf(seed)
	}
	return out
}

func identitySeedOf(s webtest.IdentitySeed) identitySeed {
	return identitySeed{domain: s.Domain, names: s.Names, jo: s.Jo, kim: s.Kim, backup: s.Backup, operator: s.Operator, operatorName: s.OperatorName}
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
