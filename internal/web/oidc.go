package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

// OIDCConfig configures single sign-on with an OpenID Connect provider such
// as a council's Entra ID tenant. Users are not created by signing in: an
// administrator adds them first, and the provider's verified email links the
// two on first use.
type OIDCConfig struct {
	Issuer       string // e.g. https://login.microsoftonline.com/<tenant>/v2.0
	ClientID     string
	ClientSecret string
	RedirectURL  string // e.g. https://ward.example.gov.uk/signin/oidc/callback
	// TrustMFA accepts the provider's own multi-factor sign-in (an "mfa"
	// amr claim) in place of ward's TOTP for roles that require two factors.
	TrustMFA bool
	// AssumeEmailVerified links accounts by an email claim that comes without
	// email_verified. Off by default: a provider that lets users set their own
	// email would otherwise hand over any ward account with that address.
	// Turn it on only for a provider whose email claims come from domains the
	// council has verified (Entra ID leaves the claim out).
	AssumeEmailVerified bool
}

type oidcClient struct {
	cfg      OIDCConfig
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

func newOIDCClient(ctx context.Context, cfg OIDCConfig) (*oidcClient, error) {
	if cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("an issuer needs a client id and a redirect URL too")
	}
	discoverCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	provider, err := oidc.NewProvider(discoverCtx, cfg.Issuer)
	if err != nil {
		return nil, err
	}
	return &oidcClient{
		cfg: cfg,
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}},
		verifier: provider.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
	}, nil
}

const oidcCookie = "ward_oidc"

// oidcStart sends the browser to the provider with a fresh state, nonce and
// PKCE verifier, kept in a short-lived cookie to check on the way back.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request, _ *requestState) {
	if s.oidc == nil {
		s.notFound(w, r)
		return
	}
	state, err1 := auth.NewSessionToken()
	nonce, err2 := auth.NewSessionToken()
	if err := errors.Join(err1, err2); err != nil {
		s.serverError(w, r, err)
		return
	}
	verifier := oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: state + "." + nonce + "." + verifier, Path: "/signin/oidc", MaxAge: 600,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, s.oidc.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request, _ *requestState) {
	if s.oidc == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	denied := func() {
		s.errorPage(w, r, http.StatusUnauthorized, "Single sign-on did not complete. Go back to the sign-in page and try again, or sign in with your ward password.")
	}
	refuse := func(reason string) {
		_ = s.auth.RefuseOIDC(ctx, reason, s.clientIP(r))
		denied()
	}
	c, err := r.Cookie(oidcCookie)
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/signin/oidc", MaxAge: -1, HttpOnly: true, Secure: s.cfg.secureCookies()})
	parts := splitN3(c, err)
	if parts == nil || r.URL.Query().Get("state") != parts[0] {
		refuse("state mismatch")
		return
	}
	token, err := s.oidc.oauth.Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(parts[2]))
	if err != nil {
		refuse("code exchange failed")
		return
	}
	raw, _ := token.Extra("id_token").(string)
	idToken, err := s.oidc.verifier.Verify(ctx, raw)
	if err != nil || idToken.Nonce != parts[1] {
		refuse("id token invalid")
		return
	}
	var claims struct {
		Email         string   `json:"email"`
		EmailVerified *bool    `json:"email_verified"`
		AMR           []string `json:"amr"`
	}
	if err := idToken.Claims(&claims); err != nil {
		refuse("claims unreadable")
		return
	}
	// Link by email only an email the provider vouches for.
	vouched := claims.EmailVerified != nil && *claims.EmailVerified ||
		claims.EmailVerified == nil && s.oidc.cfg.AssumeEmailVerified
	u, err := s.auth.SignInOIDC(ctx, authsvc.OIDCIdentity{Subject: idToken.Issuer + "|" + idToken.Subject, Email: claims.Email, EmailVouched: vouched}, s.clientIP(r))
	if err != nil {
		denied() // the service has recorded why
		return
	}
	// With TrustMFA, the provider's own multi-factor sign-in stands in for ward's TOTP.
	mfa := s.oidc.cfg.TrustMFA && slices.Contains(claims.AMR, "mfa")
	method := "oidc"
	if mfa {
		method = "oidc+mfa"
	}
	s.passwordAccepted(w, r, u, "/", method, mfa)
}

func splitN3(c *http.Cookie, err error) []string {
	if err != nil || c == nil {
		return nil
	}
	parts := strings.SplitN(c.Value, ".", 3)
	if len(parts) != 3 || parts[0] == "" {
		return nil
	}
	return parts
}
