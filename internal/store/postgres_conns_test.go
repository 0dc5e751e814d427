package store_test

import (
	"os"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// The PostgreSQL pool is 8 unless WARD_POSTGRES_MAX_CONNS says otherwise,
// and a value that is not a sensible count stops ward naming the variable.
func TestPostgresPoolSizeComesFromItsVariable(t *testing.T) {
	url := os.Getenv("WARD_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("WARD_TEST_POSTGRES_URL is not set: this test opens PostgreSQL")
	}
	for _, c := range []struct {
		env  string
		want int
	}{{"", 8}, {"3", 3}} {
		t.Setenv(store.EnvPostgresMaxConns, c.env)
		s, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.DB().Stats().MaxOpenConnections; got != c.want {
			t.Errorf("%s=%q: the pool holds %d, want %d", store.EnvPostgresMaxConns, c.env, got, c.want)
		}
		s.Close()
	}
	for _, bad := range []string{"0", "lots", "-2", "5000"} {
		t.Setenv(store.EnvPostgresMaxConns, bad)
		if _, err := store.Open(ctx, url); err == nil || !strings.Contains(err.Error(), store.EnvPostgresMaxConns) {
			t.Errorf("%s=%q opened (%v), want a refusal naming the variable", store.EnvPostgresMaxConns, bad, err)
		}
	}
}
