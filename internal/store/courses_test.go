package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestCoursesAreFoundByCodeInTheirOwnOrgOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		all := tenancy.ForSystem(tenancy.JobTest)
		a, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ash", Name: "Ash", Kind: "council"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.CreateOrg(ctx, store.NewOrg{Slug: "birch", Name: "Birch", Kind: "council"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateCourse(ctx, all, store.Course{OrgID: a.ID, Code: "CYB-101", Title: "Cyber essentials", Kind: "elearning", RefreshDays: 365, Kinds: "staff,contractor"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCourse(ctx, all, store.Course{OrgID: a.ID, Code: "CYB-101", Title: "Twice", Kind: "elearning"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("the same code twice: %v, want a conflict", err)
		}
		got, err := s.CourseByCode(ctx, tenancy.ScopeOf(a.ID), a.ID, "CYB-101")
		if err != nil || got.ID != c.ID || got.RefreshDays != 365 || got.Kinds != "staff,contractor" {
			t.Errorf("by code: %+v, %v", got, err)
		}
		if _, err := s.CourseByCode(ctx, tenancy.ScopeOf(b.ID), a.ID, "CYB-101"); err == nil {
			t.Error("another org's scope read the course")
		}
		if _, err := s.CourseByCode(ctx, all, b.ID, "CYB-101"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("birch has no such course: %v", err)
		}
		list, err := s.Courses(ctx, all, a.ID)
		if err != nil || len(list) < 1 {
			t.Errorf("courses: %v, %v", list, err)
		}
	})
}
