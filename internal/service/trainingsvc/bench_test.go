package trainingsvc_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const benchPeople = 5000

// benchOrg is a council of 5,000 people with four courses, and a
// completion file of 50,000 rows: ten years of history spread over them.
func benchOrg(b *testing.B, s *store.Store, svc *trainingsvc.Service, slug string) (store.Org, []byte) {
	b.Helper()
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: slug, Kind: tenancy.KindCouncil})
	if err != nil {
		b.Fatal(err)
	}
	sys := tenancy.ForSystem(tenancy.JobTest)
	kinds := []string{"staff", "staff", "staff", "councillor", "contractor", "consultant"}
	err = s.InTx(ctx, func(ctx2 context.Context) error {
		for i := range benchPeople {
			if _, err := s.CreatePerson(ctx2, sys, store.Person{OrgID: org.ID, Name: fmt.Sprintf("Person %05d", i),
				Email: fmt.Sprintf("p%05d@%s.gov.uk", i, slug), Kind: kinds[i%len(kinds)]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	p := analystOf(org.ID)
	codes := []string{"CSE", "DP", "BRF", "IG"}
	for i, code := range codes {
		kind := "elearning"
		if code == "BRF" {
			kind = "briefing"
		}
		if _, err := svc.AddCourse(ctx, p, store.Course{OrgID: org.ID, Code: code, Title: code, Kind: kind, RefreshDays: 365 * (1 + i%2)}); err != nil {
			b.Fatal(err)
		}
	}
	var csv bytes.Buffer
	csv.WriteString("email,course_code,completed_on,score\n")
	for n := 0; n < 50000; n++ {
		person, course, year := n%benchPeople, codes[(n/benchPeople)%4], 2016+(n/(benchPeople*4))
		fmt.Fprintf(&csv, "p%05d@%s.gov.uk,%s,%d-%02d-%02d,%d\n", person, slug, course, year+n%2, 1+person%12, 1+person%28, 50+n%51)
	}
	return org, csv.Bytes()
}

// BenchmarkImportCompletions imports a 50,000-row completion history into
// a council of 5,000 people on SQLite and PostgreSQL, in one transaction with its
// findings run: what `ward training import` does with a platform's export.
func BenchmarkImportCompletions(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) { benchImport(b, e) })
	}
}

func benchImport(b *testing.B, e storetest.Engine) {
	s, _ := e.Open(b)
	on(s, "2026-12-07")
	svc := trainingsvc.New(s, posturesvc.New(s, desksvc.New(s)))
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		org, file := benchOrg(b, s, svc, fmt.Sprintf("bench%d", i))
		b.StartTimer()
		res, err := svc.ImportCompletions(ctx, analystOf(org.ID), org.ID, "lms.csv", bytes.NewReader(file), trainingsvc.ImportOptions{})
		if err != nil || res.Added != 50000 {
			b.Fatalf("%+v, %v", res, err)
		}
	}
}

// BenchmarkTrainingStatus works out a council's status (5,000 people, four
// courses, 50,000 completions) on SQLite and PostgreSQL: the status page's figures.
func BenchmarkTrainingStatus(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) { benchStatus(b, e) })
	}
}

func benchStatus(b *testing.B, e storetest.Engine) {
	s, _ := e.Open(b)
	on(s, "2026-12-07")
	svc := trainingsvc.New(s, posturesvc.New(s, desksvc.New(s)))
	org, file := benchOrg(b, s, svc, "bench")
	if _, err := svc.ImportCompletions(ctx, analystOf(org.ID), org.ID, "lms.csv", bytes.NewReader(file), trainingsvc.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		st, err := svc.Status(ctx, analystOf(org.ID), org.ID)
		if err != nil || st.Total.InScope != benchPeople {
			b.Fatalf("%+v, %v", st.Total, err)
		}
	}
}
