package webtest_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }

// The isolation walk trusts the watch to see any write a refused request
// makes; here it must see a real change, and must not cry wolf over the
// writes every request makes or over an update that changes nothing.
func TestChangesSeeEveryWriteButTheUnwatched(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine.Name, func(t *testing.T) {
			ctx := context.Background()
			st, seed := webtest.OpenSeeded(t, engine)
			user, err := st.UserForSignIn(ctx, seed.Creds[0].Email)
			if err != nil {
				t.Fatal(err)
			}
			orgs, _ := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
			token, _, err := authsvc.New(st, authsvc.Options{}).CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: orgs[0].Slug, Role: "member", Name: "probe", Expires: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			now := st.Now()
			session := auth.HashSecret("probe")
			if err := st.CreateSession(ctx, store.Session{TokenHash: session, UserID: user.ID, Stage: store.StageFull,
				CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			changes := webtest.WatchChanges(t, st)

			mark := changes.Mark(t)
			if err := st.TouchSession(ctx, session, now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if err := st.TouchAPIToken(ctx, token.ID, now); err != nil {
				t.Fatal(err)
			}
			if _, err := st.DB().ExecContext(ctx, st.Rebind(`UPDATE users SET name = name WHERE id = ?`), user.ID); err != nil {
				t.Fatal(err)
			}
			if got := changes.Since(t, mark); len(got) != 0 {
				t.Errorf("a session's and a token's use and an update to the same values counted as changes to %v", got)
			}

			mark = changes.Mark(t)
			if err := st.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), user.ID, true); err != nil {
				t.Fatal(err)
			}
			if _, err := st.RevokeAPIToken(ctx, tenancy.ForSystem(tenancy.JobTest), token.ID); err != nil {
				t.Fatal(err)
			}
			if got := changes.Since(t, mark); !slices.Equal(got, []string{"api_tokens", "sessions", "users"}) {
				// Disabling a user also signs them out everywhere.
				t.Errorf("disabling a user and revoking a token changed %v, want api_tokens, sessions and users", got)
			}
		})
	}
}
