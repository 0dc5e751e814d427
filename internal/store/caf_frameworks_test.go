package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ward-shared-service/ward/internal/caf"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

func TestCAFFrameworks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		fw := caf.Framework{Version: "4.0", Objectives: []caf.Objective{{Code: "A", Title: "Managing security risk",
			Principles: []caf.Principle{{Code: "A1", Outcomes: []caf.Outcome{{Code: "A1.a", Title: "Board Direction",
				IGPs:  []caf.IGP{{ID: "A1.a.1", Column: caf.ColNotAchieved, Text: "Not discussed — at all."}},
				Rules: caf.Rules{Steps: []caf.Step{{Order: 1, Column: caf.ColAchieved, Match: "all"}}}}}}}}},
			Profiles: []caf.Profile{{Name: "Baseline", Targets: map[string]caf.Status{"A1.a": caf.Achieved}}}}
		got, err := s.AddCAFFramework(ctx, store.CAFFramework{Name: "CAF 4.0", SourceFile: "caf-v4.0.yaml",
			SourceSHA256: "abc", ImportedBy: "cli:root", Framework: fw})
		if err != nil {
			t.Fatal(err)
		}
		if got.Outcomes != 1 || got.Statements != 1 {
			t.Errorf("counts %d %d", got.Outcomes, got.Statements)
		}
		_, err = s.AddCAFFramework(ctx, store.CAFFramework{Name: "again", SourceFile: "x", SourceSHA256: "def",
			ImportedBy: "cli:root", Framework: fw})
		if !errors.Is(err, store.ErrCAFVersionHeld) || !errors.Is(err, store.ErrConflict) {
			t.Errorf("a second import of 4.0: %v", err)
		}
		all, err := s.CAFFrameworks(ctx)
		if err != nil || len(all) != 1 {
			t.Fatalf("%d frameworks, %v", len(all), err)
		}
		one, err := s.CAFFramework(ctx, "4.0")
		if err != nil {
			t.Fatal(err)
		}
		if one.Name != "CAF 4.0" || one.ImportedAt.IsZero() || one.Framework.Objectives[0].Principles[0].Outcomes[0].IGPs[0].Text != "Not discussed — at all." ||
			one.Framework.Profiles[0].Targets["A1.a"] != caf.Achieved {
			t.Errorf("read back %+v", one)
		}
		if _, err := s.CAFFramework(ctx, "9.9"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an unknown version: %v", err)
		}
	})
}
