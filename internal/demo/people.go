package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// demoStaffTeams are the directory departments the demo's HR staff come
// from, each a team with its head and team leaders.
var demoStaffTeams = []string{"ICT", "CUSTOMER SERVICES", "ADULT SOCIAL CARE", "CHILDRENS SERVICES",
	"HOUSING", "REVENUES AND BENEFITS", "ENVIRONMENTAL SERVICES", "HIGHWAYS"}

// demoPeopleMix is how many of each kind every council's HR file lists
// from directory accounts; a few more of each have no account yet.
const (
	demoStaff, demoCouncillors, demoContractors, demoConsultants           = 250, 40, 14, 4
	demoNoAccountStaff, demoNoAccountContractors, demoNoAccountConsultants = 6, 6, 4
	demoLeavers                                                            = 5
)

// seedPeople imports each council's HR file through the people service:
// staff in eight teams with a manager tree, councillors, contractors (some
// contracts ending soon, a few already ended) and consultants. Most are
// made from the accounts the identity demo imports later, with the same
// names and addresses, so people and accounts match by e-mail; a few have
// no account, and most accounts have no person (the directory is larger).
func seedPeople(ctx context.Context, st *store.Store, svc *peoplesvc.Service, ids map[string]int64) error {
	now := st.Now()
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		prof := identityProfile[slug]
		accounts, err := identitygen.StaffAccounts(identitygen.CouncilSpec(prof.domain, prof.seed, now))
		if err != nil {
			return err
		}
		file := demoHRFile(slug, accounts, now, rand.New(rand.NewPCG(uint64(prof.seed), 17)))
		if _, err := svc.Import(ctx, demoPrincipal, ids[slug], slug+"-hr.csv", strings.NewReader(file), false); err != nil {
			return fmt.Errorf("%s HR file: %w", slug, err)
		}
	}
	return nil
}

// demoHRFile writes a council's HR export in the documented format.
func demoHRFile(slug string, accounts []identitygen.StaffAccount, now time.Time, rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("hr_id,name,email,kind,team,manager_hr_id,phone,start_on,end_on,left_on\n")
	prefix := strings.ToUpper(slug[:3])
	n := 0
	row := func(name, mail, kind, team, manager, start, end, left string) string {
		n++
		id := fmt.Sprintf("%s%05d", prefix, n)
		phone := fmt.Sprintf("01632 %06d", 100000+int(prefix[0])*1000+n)
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, name, mail, kind, team, manager, phone, start, end, left)
		return id
	}
	day := func(daysFromNow int) string { return now.AddDate(0, 0, daysFromNow).Format(time.DateOnly) }
	started := func() string { return day(-30 - rng.IntN(20*365)) }
	byTeam := map[string][]identitygen.StaffAccount{}
	var spare []identitygen.StaffAccount
	for i, a := range accounts {
		if !a.Enabled || strings.ContainsAny(a.Name+a.Mail, ",\"") {
			continue
		}
		if len(byTeam[a.Department]) < demoStaff/len(demoStaffTeams)+1 && contains(demoStaffTeams, a.Department) && i%3 == 0 {
			byTeam[a.Department] = append(byTeam[a.Department], a)
		} else if i%5 == 1 {
			spare = append(spare, a)
		}
	}
	chief := row("Chief Executive", "chief.executive@"+slug+".example", "staff", "Corporate", "", day(-9*365), "", "")
	staff, leavers := 0, 0
	for _, dept := range demoStaffTeams {
		team := titleCase(dept)
		var head, leader string
		for j, a := range byTeam[dept] {
			if staff >= demoStaff {
				break
			}
			manager := leader
			switch {
			case j == 0:
				manager = chief
			case j%8 == 1:
				manager = head
			}
			left := ""
			if j > 8 && j%13 == 5 && leavers < demoLeavers {
				left, leavers = day(-3-leavers*9), leavers+1
			}
			id := row(a.Name, a.Mail, "staff", team, manager, started(), "", left)
			switch {
			case j == 0:
				head = id
			case j%8 == 1:
				leader = id
			}
			staff++
		}
	}
	take := func(k int) []identitygen.StaffAccount {
		k = min(k, len(spare))
		out := spare[:k]
		spare = spare[k:]
		return out
	}
	for _, a := range take(demoCouncillors) {
		row("Cllr "+a.Name, a.Mail, "councillor", "Members", "", "2022-05-05", "", "")
	}
	for i, a := range take(demoContractors) {
		row(a.Name, a.Mail, "contractor", "ICT", "", day(-400+i*20), contractEnd(i, day), "")
	}
	for i, a := range take(demoConsultants) {
		row(a.Name, a.Mail, "consultant", "Corporate", chief, day(-200+i*30), day(60+i*45), "")
	}
	for i := 0; i < demoNoAccountStaff; i++ { // new starters whose accounts are not made yet
		name := fmt.Sprintf("New Starter %d", i+1)
		row(name, fmt.Sprintf("new.starter%d@%s.example", i+1, slug), "staff", "Customer Services", "", day(-i), "", "")
	}
	for i := 0; i < demoNoAccountContractors; i++ {
		row(fmt.Sprintf("Agency Worker %d", i+1), fmt.Sprintf("agency%d@staffing.example", i+1), "contractor", "Highways", "",
			day(-100-i*10), contractEnd(i+demoContractors, day), "")
	}
	for i := 0; i < demoNoAccountConsultants; i++ {
		row(fmt.Sprintf("Consultant %d", i+1), fmt.Sprintf("consultant%d@advisers.example", i+1), "consultant", "Corporate", chief,
			day(-60-i*7), day(120), "")
	}
	return b.String()
}

// contractEnd spreads contract ends: a few already past, a few within the
// month, the rest later.
func contractEnd(i int, day func(int) string) string {
	switch i % 6 {
	case 0:
		return day(-10 - i) // ended, yet an account may still be enabled
	case 1:
		return day(7 + i) // ending within the month
	case 2:
		return ""
	}
	return day(90 + 30*i)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// titleCase writes "ADULT SOCIAL CARE" as "Adult Social Care".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if w == "ict" {
			words[i] = "ICT"
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
