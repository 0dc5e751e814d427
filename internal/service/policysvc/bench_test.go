package policysvc_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkStatus5000People works out the status of 3 documents (two
// versions each, the second material) over 5 000 people on SQLite, with
// about 8 000 acceptances in the history: the whole read, the arithmetic
// and the audit entry the view writes.
func BenchmarkStatus5000People(b *testing.B) {
	st, _ := storetest.OpenSQLite(b)
	ctx := context.Background()
	sys := tenancy.ForSystem(tenancy.JobTest)
	org, err := st.CreateOrg(ctx, store.NewOrg{Slug: "big", Name: "Big Council", Kind: tenancy.KindCouncil})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range 5000 {
		p, err := st.CreatePerson(ctx, sys, store.Person{OrgID: org.ID, Name: fmt.Sprintf("Person %04d", i),
			Email: fmt.Sprintf("p%d@big.example", i), Kind: string(people.Kinds[i%4])})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	now := st.Now()
	var acc []store.PolicyAcceptance
	for _, u := range policy.Usual {
		d, err := st.CreatePolicyDocument(ctx, sys, store.PolicyDocument{OrgID: org.ID, Slug: u.Slug, Title: u.Title, AcceptDays: 14, RemindDays: 7, RemindMax: 3})
		if err != nil {
			b.Fatal(err)
		}
		for n, at := range []time.Time{now.AddDate(0, -6, 0), now.AddDate(0, 0, -10)} {
			body := fmt.Sprintf("%s %d", u.Title, n)
			v, err := st.AddPolicyVersion(ctx, sys, store.PolicyVersion{DocumentID: d.ID, OrgID: org.ID, Number: n + 1, Body: body,
				SHA256: policy.Hash(body), Material: true, PublishedAt: at})
			if err != nil {
				b.Fatal(err)
			}
			for i, id := range ids {
				if i%10 < 9-4*n { // 90% accepted the first, 50% the second
					acc = append(acc, store.PolicyAcceptance{PersonID: id, VersionID: v.ID, SHA256: v.SHA256, Method: "link", AcceptedAt: at.Add(time.Hour)})
				}
			}
		}
	}
	if err := st.AddPolicyAcceptances(ctx, sys, org.ID, acc); err != nil {
		b.Fatal(err)
	}
	svc := policysvc.New(st)
	op := tenancy.Operator("cli:bench")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		list, err := svc.Status(ctx, op, org.ID)
		if err != nil || len(list) != 3 || list[0].InScope != 5000 || list[0].Accepted != 2500 {
			b.Fatalf("%+v %v", list, err)
		}
	}
}
