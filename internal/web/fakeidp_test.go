package web_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// fakeIdP is a real OpenID Connect provider on loopback, just big enough for
// ward's authorization-code flow with PKCE: discovery, a JWKS, an authorize
// endpoint that signs the user in at once as whoever the test says, and a
// token endpoint that checks the client, the code and the PKCE verifier
// before issuing an RS256 ID token.
type fakeIdP struct {
	t            testing.TB
	srv          *httptest.Server
	issuer       string
	clientID     string
	clientSecret string
	key          *rsa.PrivateKey
	keyID        string
	signer       jose.Signer

	mu            sync.Mutex
	next          idpUser             // who the next sign-in at /authorize is
	grants        map[string]idpGrant // outstanding codes
	authorizes    []url.Values        // every /authorize query, in order
	tokenRequests int                 // every POST to /token
	tokenRefusals []string            // why token requests were refused
	issued        []map[string]any    // claims of every ID token issued
}

// idpUser is what the provider says about the person signing in.
type idpUser struct {
	Subject       string
	Email         string
	EmailVerified *bool // nil leaves the claim out
	AMR           []string
	Nonce         *string // non-nil overrides the nonce echoed in the ID token
}

type idpGrant struct {
	user          idpUser
	nonce         string
	codeChallenge string
	redirectURI   string
}

func verified(b bool) *bool { return &b }

func newFakeIdP(t testing.TB, clientID, clientSecret string) *fakeIdP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeIdP{t: t, clientID: clientID, clientSecret: clientSecret, key: key, keyID: randomID(t), grants: map[string]idpGrant{}}
	f.signer, err = jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: f.keyID, Algorithm: string(jose.RS256)}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", f.discovery)
	mux.HandleFunc("GET /jwks", f.jwks)
	mux.HandleFunc("GET /authorize", f.authorize)
	mux.HandleFunc("POST /token", f.token)
	// Set the issuer before the server starts so no handler can see it unset.
	f.srv = httptest.NewUnstartedServer(mux)
	f.issuer = "http://" + f.srv.Listener.Addr().String()
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	return f
}

// signInAs sets who the next sign-in at the provider will be.
func (f *fakeIdP) signInAs(u idpUser) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next = u
}

func (f *fakeIdP) lastAuthorize() url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.authorizes) == 0 {
		return nil
	}
	return f.authorizes[len(f.authorizes)-1]
}

func (f *fakeIdP) tokenStats() (requests int, refusals []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokenRequests, append([]string(nil), f.tokenRefusals...)
}

func (f *fakeIdP) discovery(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                f.issuer,
		"authorization_endpoint":                f.issuer + "/authorize",
		"token_endpoint":                        f.issuer + "/token",
		"jwks_uri":                              f.issuer + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"scopes_supported":                      []string{"openid", "email", "profile"},
	})
}

func (f *fakeIdP) jwks(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &f.key.PublicKey, KeyID: f.keyID, Algorithm: string(jose.RS256), Use: "sig"},
	}})
}

// authorize records the request and, as if the user had just signed in,
// sends the browser straight back with a code.
func (f *fakeIdP) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	f.authorizes = append(f.authorizes, q)
	user := f.next
	f.mu.Unlock()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case q.Get("client_id") != f.clientID:
		http.Error(w, "unknown client_id", http.StatusBadRequest)
		return
	case err != nil || redirect.Scheme == "" || redirect.Host == "":
		http.Error(w, "bad redirect_uri", http.StatusBadRequest)
		return
	case q.Get("response_type") != "code":
		http.Error(w, "unsupported response_type", http.StatusBadRequest)
		return
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		http.Error(w, "PKCE with S256 is required", http.StatusBadRequest)
		return
	}
	code := randomID(f.t)
	f.mu.Lock()
	f.grants[code] = idpGrant{user: user, nonce: q.Get("nonce"), codeChallenge: q.Get("code_challenge"), redirectURI: q.Get("redirect_uri")}
	f.mu.Unlock()
	back := redirect.Query()
	back.Set("code", code)
	back.Set("state", q.Get("state"))
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// token exchanges a code for tokens, checking everything a real provider
// would: client credentials, a known unused code, the same redirect_uri, and
// the PKCE verifier against the challenge.
func (f *fakeIdP) token(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.tokenRequests++
	f.mu.Unlock()
	refuse := func(status int, code, why string) {
		f.mu.Lock()
		f.tokenRefusals = append(f.tokenRefusals, why)
		f.mu.Unlock()
		writeJSON(w, status, map[string]string{"error": code, "error_description": why})
	}
	if err := r.ParseForm(); err != nil {
		refuse(http.StatusBadRequest, "invalid_request", "unreadable form")
		return
	}
	id, secret, basic := r.BasicAuth()
	if basic {
		// RFC 6749 §2.3.1: both parts are form-urlencoded inside basic auth.
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != f.clientID || subtle.ConstantTimeCompare([]byte(secret), []byte(f.clientSecret)) != 1 {
		w.Header().Set("WWW-Authenticate", `Basic realm="fakeidp"`)
		refuse(http.StatusUnauthorized, "invalid_client", "wrong client credentials")
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		refuse(http.StatusBadRequest, "unsupported_grant_type", "grant_type is not authorization_code")
		return
	}
	code := r.PostForm.Get("code")
	f.mu.Lock()
	g, ok := f.grants[code]
	delete(f.grants, code) // a code is good once, right or wrong
	f.mu.Unlock()
	if !ok {
		refuse(http.StatusBadRequest, "invalid_grant", "unknown or used code")
		return
	}
	if r.PostForm.Get("redirect_uri") != g.redirectURI {
		refuse(http.StatusBadRequest, "invalid_grant", "redirect_uri differs from the authorize request")
		return
	}
	verifier := r.PostForm.Get("code_verifier")
	sum := sha256.Sum256([]byte(verifier))
	if verifier == "" || base64.RawURLEncoding.EncodeToString(sum[:]) != g.codeChallenge {
		refuse(http.StatusBadRequest, "invalid_grant", "code_verifier does not match code_challenge")
		return
	}
	nonce := g.nonce
	if g.user.Nonce != nil {
		nonce = *g.user.Nonce
	}
	now := time.Now()
	extra := map[string]any{"nonce": nonce, "email": g.user.Email}
	if g.user.EmailVerified != nil {
		extra["email_verified"] = *g.user.EmailVerified
	}
	if g.user.AMR != nil {
		extra["amr"] = g.user.AMR
	}
	raw, err := jwt.Signed(f.signer).Claims(jwt.Claims{
		Issuer:   f.issuer,
		Subject:  g.user.Subject,
		Audience: jwt.Audience{f.clientID},
		Expiry:   jwt.NewNumericDate(now.Add(5 * time.Minute)),
		IssuedAt: jwt.NewNumericDate(now),
	}).Claims(extra).Serialize()
	if err != nil {
		refuse(http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	f.mu.Lock()
	extra["sub"] = g.user.Subject
	f.issued = append(f.issued, extra)
	f.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": randomID(f.t),
		"token_type":   "Bearer",
		"expires_in":   300,
		"id_token":     raw,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func randomID(t testing.TB) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Error(err)
	}
	return hex.EncodeToString(b)
}
