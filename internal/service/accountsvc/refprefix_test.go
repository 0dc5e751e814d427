package accountsvc_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// An org's reference prefix is taken from the slug unless one is chosen; a
// chosen one must be 2 to 6 letters and unused, and a refusal names the field.
func TestOrgReferencePrefixIsChosenOrDerived(t *testing.T) {
	ctx := context.Background()
	operator := tenancy.Operator("cli:test")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := &accountsvc.Service{Store: s, PasswordParams: auth.FastParams}
		ash, err := svc.CreateOrg(ctx, operator, "ashcombe", "Ashcombe", "council", "")
		if err != nil || ash.RefPrefix != "ASH" {
			t.Fatalf("derived prefix %q, %v; want ASH", ash.RefPrefix, err)
		}
		brm, err := svc.CreateOrg(ctx, operator, "brentmere", "Brentmere", "council", " brm ")
		if err != nil || brm.RefPrefix != "BRM" {
			t.Fatalf("chosen prefix %q, %v; want BRM (typed in lower case)", brm.RefPrefix, err)
		}
		for prefix, kind := range map[string]fault.Kind{"BRM": fault.KindConflict, "B1": fault.KindInvalid, "TOOLONGX": fault.KindInvalid} {
			_, err := svc.CreateOrg(ctx, operator, "calderwick", "Calderwick", "council", prefix)
			if f := fault.As(err); f == nil || f.Kind != kind || f.Field != "ref_prefix" {
				t.Errorf("prefix %q: %v, want a %s fault on ref_prefix", prefix, err, kind)
			}
		}
		if _, err := s.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), "calderwick"); err == nil {
			t.Error("a refused org was written")
		}
	})
}
