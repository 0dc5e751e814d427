package store_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Every completion is kept, a repeat of one is not added, and a course can
// be changed and retired in its own org only.
func TestCompletionsKeepTheWholeHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		all := tenancy.ForSystem(tenancy.JobTest)
		a, _ := s.CreateOrg(ctx, store.NewOrg{Slug: "ash", Name: "Ash", Kind: "council"})
		b, _ := s.CreateOrg(ctx, store.NewOrg{Slug: "birch", Name: "Birch", Kind: "council"})
		ann, err := s.CreatePerson(ctx, all, store.Person{OrgID: a.ID, Name: "Ann", Email: "ann@ash.example", Kind: "staff"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateCourse(ctx, all, store.Course{OrgID: a.ID, Code: "CSE", Title: "Cyber", Kind: "elearning", RefreshDays: 365})
		if err != nil {
			t.Fatal(err)
		}
		score := 90
		list := []store.Completion{{CourseID: c.ID, PersonID: ann.ID, CompletedOn: "2024-01-02", Source: "import", Score: &score},
			{CourseID: c.ID, PersonID: ann.ID, CompletedOn: "2025-01-03", Source: "import"}}
		if n, err := s.AddCompletions(ctx, tenancy.ScopeOf(a.ID), a.ID, list); err != nil || n != 2 {
			t.Fatalf("added %d, %v", n, err)
		}
		list = append(list, store.Completion{CourseID: c.ID, PersonID: ann.ID, CompletedOn: "2026-01-04", Source: "attendance"})
		if n, err := s.AddCompletions(ctx, tenancy.ScopeOf(a.ID), a.ID, list); err != nil || n != 1 {
			t.Fatalf("again with one more: added %d, %v", n, err)
		}
		if _, err := s.AddCompletions(ctx, tenancy.ScopeOf(b.ID), a.ID, list); err == nil {
			t.Error("another org's scope wrote completions")
		}
		h, err := s.PersonCompletions(ctx, tenancy.ScopeOf(a.ID), a.ID, ann.ID)
		if err != nil || len(h) != 3 || h[0].CompletedOn != "2026-01-04" || h[2].Score == nil || *h[2].Score != 90 || h[0].CourseTitle != "Cyber" {
			t.Fatalf("history %+v, %v", h, err)
		}
		if _, err := s.CreateEnrolment(ctx, all, store.Enrolment{OrgID: a.ID, CourseID: c.ID, PersonID: ann.ID, EnrolledOn: "2026-02-01", DueOn: "2026-03-01", Reason: "manual"}); err != nil {
			t.Fatal(err)
		}
		done, enrolled, err := s.TrainingRecords(ctx, tenancy.ScopeOf(a.ID), a.ID)
		if err != nil || len(done) != 3 || len(enrolled) != 1 || enrolled[0].DueOn != "2026-03-01" {
			t.Fatalf("records %d %d, %v", len(done), len(enrolled), err)
		}
		c.Title, c.Retired = "Cyber security essentials", true
		if err := s.UpdateCourse(ctx, tenancy.ScopeOf(b.ID), c); err == nil {
			t.Error("another org's scope changed the course")
		}
		if err := s.UpdateCourse(ctx, tenancy.ScopeOf(a.ID), c); err != nil {
			t.Fatal(err)
		}
		if got, err := s.CourseByID(ctx, tenancy.ScopeOf(a.ID), c.ID); err != nil || !got.Retired || got.Title != "Cyber security essentials" {
			t.Errorf("after the change %+v, %v", got, err)
		}
		if _, err := s.CourseByID(ctx, tenancy.ScopeOf(b.ID), c.ID); err == nil {
			t.Error("another org's scope read the course")
		}
	})
}
