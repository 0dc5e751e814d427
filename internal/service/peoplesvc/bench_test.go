package peoplesvc_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// hrCSV is a council's HR export of n people: staff under a manager tree
// of teams, a tenth contractors with contract ends, UK dates as exported.
func hrCSV(n int) string {
	var b strings.Builder
	b.WriteString("hr_id,name,email,kind,team,manager_hr_id,phone,start_on,end_on\n")
	for i := 1; i <= n; i++ {
		kind, end, manager := "staff", "", ""
		if i%10 == 0 {
			kind, end = "contractor", fmt.Sprintf("%02d/%02d/2027", 1+i%28, 1+i%12)
		}
		if i > 1 {
			manager = fmt.Sprintf("E%06d", 1+(i-1)/8) // eight reports a manager
		}
		fmt.Fprintf(&b, "E%06d,Person %d,person%d@ashcombe.example,%s,Team %d,%s,01632 %06d,%02d/%02d/20%02d,%s\n",
			i, i, i, kind, i%40, manager, i, 1+i%28, 1+i%12, 5+i%20, end)
	}
	return b.String()
}

// BenchmarkImport10000 imports a 10,000-person HR file into an empty org
// (first), and the same file again (unchanged: the daily re-import).
func BenchmarkImport10000(b *testing.B) {
	file := hrCSV(10_000)
	for _, e := range storetest.Engines() {
		for _, again := range []bool{false, true} {
			name := e.Name + "/first"
			if again {
				name = e.Name + "/unchanged"
			}
			b.Run(name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					s, _ := e.Open(b)
					org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe", Kind: tenancy.KindCouncil})
					if err != nil {
						b.Fatal(err)
					}
					svc := peoplesvc.New(s)
					if again {
						if _, err := svc.Import(ctx, operator, org.ID, "hr.csv", strings.NewReader(file), false); err != nil {
							b.Fatal(err)
						}
					}
					b.StartTimer()
					res, err := svc.Import(ctx, operator, org.ID, "hr.csv", strings.NewReader(file), false)
					if err != nil {
						b.Fatal(err)
					}
					if (again && res.Unchanged != 10_000) || (!again && res.Added != 10_000) {
						b.Fatalf("%+v", res)
					}
				}
			})
		}
	}
}
