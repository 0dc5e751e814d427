package web_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	wardapp "github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/web"
)

// selfSignedCert writes a fresh ECDSA certificate and key for 127.0.0.1 to
// dir and returns their paths and the certificate for a client to trust.
func selfSignedCert(t *testing.T, dir string) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "ward test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	if cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

func TestServeTLS(t *testing.T) {
	certFile, keyFile, cert := selfSignedCert(t, t.TempDir())
	st, _ := storetest.OpenSQLite(t)
	svcs := wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams})
	creds, err := demo.Seed(context.Background(), st, demo.Options{PasswordParams: auth.FastParams, Services: svcs})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(context.Background(), web.Config{
		Listen: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile, BaseURL: "https://127.0.0.1",
		Version: "test",
	}, svcs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}

	addr, stop := running(t, srv)
	base := "https://" + addr

	roots := x509.NewCertPool()
	roots.AddCert(cert)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer c.CloseIdleConnections()

	res := do(t, c, "GET", base+"/signin", nil, nil)
	if res.status != http.StatusOK {
		t.Fatalf("GET /signin over TLS: %d", res.status)
	}
	hsts := res.header.Get("Strict-Transport-Security")
	maxAge, ok := strings.CutPrefix(strings.SplitN(hsts, ";", 2)[0], "max-age=")
	if n, err := strconv.Atoi(strings.TrimSpace(maxAge)); !ok || err != nil || n <= 0 {
		t.Errorf("Strict-Transport-Security %q: want a positive max-age", hsts)
	}

	officer := creds[0]
	for _, cr := range creds {
		if cr.Email == "it.officer@ashcombe.example" {
			officer = cr
		}
	}
	res = do(t, c, "POST", base+"/signin", signInForm(officer.Email, officer.Password), nil)
	if res.status != http.StatusSeeOther || res.location != "/" {
		t.Fatalf("sign-in over TLS: %d → %q", res.status, res.location)
	}
	ck := setCookie(res, "__Host-ward_session")
	switch {
	case ck == nil:
		t.Fatalf("no __Host-ward_session cookie; Set-Cookie: %q", res.header.Values("Set-Cookie"))
	case !ck.Secure || !ck.HttpOnly || ck.Path != "/" || ck.Domain != "":
		// __Host- cookies are only kept by browsers when Secure, Path=/ and without Domain.
		t.Errorf("session cookie %q: want Secure, HttpOnly, Path=/ and no Domain", res.header.Values("Set-Cookie"))
	}
	if plain := setCookie(res, "ward_session"); plain != nil {
		t.Errorf("an unprefixed session cookie was set over TLS: %+v", plain)
	}
	if home := do(t, c, "GET", base+"/", nil, nil); home.status != http.StatusOK || !strings.Contains(home.body, "London Borough of Ashcombe") {
		t.Fatalf("home over TLS: %d", home.status)
	}

	// Plain HTTP to the TLS port gets nowhere.
	plain := &http.Client{Timeout: 10 * time.Second}
	if r, err := plain.Get("http://" + addr + "/signin"); err == nil {
		r.Body.Close()
		if r.StatusCode == http.StatusOK {
			t.Error("plain HTTP to the TLS port was served")
		}
	}

	stop()
	// And nothing listens any more.
	c.CloseIdleConnections()
	if r, err := c.Get(base + "/signin"); err == nil {
		r.Body.Close()
		t.Errorf("still serving after shutdown: %d", r.StatusCode)
	}
}
