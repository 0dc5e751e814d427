package phishingsvc_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// gophishExport writes a results export of n recipients as Gophish does,
// with the shares a council's exercise sees (half open, one in six clicks,
// one in twenty submits, one in five reports).
func gophishExport(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,status,ip,latitude,longitude,send_date,reported,modified_date,email,first_name,last_name,position\n")
	launch := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range n {
		status := "Email Sent"
		switch {
		case i%20 == 0:
			status = "Submitted Data"
		case i%6 == 1:
			status = "Clicked Link"
		case i%2 == 1:
			status = "Email Opened"
		}
		sent := launch.Add(time.Duration(i) * 300 * time.Millisecond)
		fmt.Fprintf(&b, "r%07d,%s,198.51.100.%d,51.5074,-0.1278,%s,%t,%s,person%d@ashcombe.gov.uk,First%d,Last%d,Officer\n",
			i, status, i%250, sent.Format(time.RFC3339Nano), i%5 == 3, sent.Add(47*time.Minute).Format(time.RFC3339Nano), i, i, i)
	}
	return b.Bytes()
}

// benchmarkImport imports a 20,000-row results file for a council of
// 20,000 people, enrolling the clickers: what `ward phishing import
// --replace --enrol` does each time it runs again.
func benchmarkImport(b *testing.B, s *store.Store) {
	const n = 20000
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
	if err != nil {
		b.Fatal(err)
	}
	sys := tenancy.ForSystem(tenancy.JobTest)
	err = s.InTx(ctx, func(ctx context.Context) error {
		for i := range n {
			if _, err := s.CreatePerson(ctx, sys, store.Person{OrgID: org.ID, Name: fmt.Sprintf("Person %d", i),
				Email: fmt.Sprintf("person%d@ashcombe.gov.uk", i), Team: fmt.Sprintf("Team %d", i%40)}); err != nil {
				return err
			}
		}
		_, err := s.CreateCourse(ctx, sys, store.Course{OrgID: org.ID, Code: "PHISH-FOLLOWUP", Title: "Follow-up", Kind: "phishing"})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	file := gophishExport(n)
	svc := phishingsvc.New(s)
	op := tenancy.Operator("cli:bench")
	for b.Loop() {
		res, err := svc.ImportFile(ctx, op, phishingsvc.Import{Org: org, Campaign: "March", Enrol: "PHISH-FOLLOWUP", Replace: true, File: "results.csv"},
			bytes.NewReader(file))
		if err != nil || res.Results != n {
			b.Fatalf("%+v %v", res, err)
		}
	}
	b.ReportMetric(float64(n), "rows")
	b.SetBytes(int64(len(file)))
}

func BenchmarkImportGophishResults(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			s, _ := e.Open(b)
			benchmarkImport(b, s)
		})
	}
}
