package hrcsv

import (
	"errors"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
)

const sample = "HR_ID,Name,Email,Kind,Team,Manager_HR_ID,Start_On,End_On\n" +
	"E1,Ada Lovelace,ada@ashby.gov.uk,staff,ICT,,2019-04-01,\n" +
	"E2,Bob Smith,bob@ashby.gov.uk,contractor,ICT,E1,01/06/2024,31/03/2027\n" +
	",,,,,,,\n" +
	"C1,Cllr Jones,,councillor,,,,\n"

func TestReadsAnyColumnOrderAndUKDates(t *testing.T) {
	f, err := Read(strings.NewReader(sample), "hr.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 3 {
		t.Fatalf("rows = %d, want 3 (the blank row skipped)", len(f.Rows))
	}
	bob := f.Rows[1]
	if bob.Kind != "contractor" || bob.Manager != "E1" || bob.StartOn != "2024-06-01" || bob.EndOn != "2027-03-31" || bob.Line != 3 {
		t.Errorf("bob = %+v", bob)
	}
	if f.Rows[2].Kind != "councillor" || f.Rows[2].Line != 5 {
		t.Errorf("councillor = %+v", f.Rows[2])
	}
	if !f.Has("team") || f.Has("phone") {
		t.Errorf("columns = %v", f.Columns)
	}
}

func TestNamesEveryMistakeByLineAndColumn(t *testing.T) {
	in := "hr_id,name,email,kind,start_on,left_on\n" +
		"E1,Ada,ada@x.gov.uk,staff,2019-04-01,\n" +
		"E2,,b@x.gov.uk,wizard,31/02/2024,\n" +
		"E1,Again,c@x.gov.uk,,,\n" +
		"E5,Eve,not-an-address,,,\n"
	_, err := Read(strings.NewReader(in), "hr.csv")
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"hr.csv: line 3: column name: is empty",
		"hr.csv: line 3: column kind: ",
		`hr.csv: line 3: column start_on: "31/02/2024" is not a date`,
		`hr.csv: line 4: column hr_id: "E1" is given twice (first on line 2)`,
		`hr.csv: line 5: column email: "not-an-address" is not an e-mail address`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d mistakes, want %d:\n%v", len(errs), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("mistake %d = %q, want it to start %q", i, errs[i], w)
		}
	}
	if !fault.Is(err, fault.KindInvalid) {
		t.Errorf("a bad file is not invalid input: %v", err)
	}
}

func TestRefusesUnknownAndMissingColumns(t *testing.T) {
	_, err := Read(strings.NewReader("hr_id,full_name\nE1,Ada\n"), "hr.csv")
	if err == nil || !strings.Contains(err.Error(), `hr.csv: line 1: column "full_name": is not an HR column`) ||
		!strings.Contains(err.Error(), "line 1: column name: is missing") {
		t.Fatalf("err = %v", err)
	}
}

func TestStopsAtTheCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("hr_id,name\n")
	for i := 0; i < 200; i++ {
		b.WriteString(",\"x\"\n")
	}
	_, err := Read(strings.NewReader(b.String()), "hr.csv")
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != MaxErrors || !strings.Contains(err.Error(), "stopped after") {
		t.Fatalf("got %d mistakes: %v", len(errs), err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-12-07": "2026-12-07", "07/12/2026": "2026-12-07", "7/1/2026": "2026-01-07", "": ""} {
		if got, ok := ParseDate(in); !ok || got != want {
			t.Errorf("ParseDate(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"12/31/2026", "2026-02-30", "yesterday", "0001-01-01"} {
		if _, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}

// FuzzHRCSV: whatever an HR export holds, Read returns people or mistakes
// naming the file and a line, never a panic; every person it returns has
// an hr_id, a name, a kind and dates in yyyy-mm-dd.
func FuzzHRCSV(f *testing.F) {
	f.Add([]byte(sample))
	for _, s := range []string{"", "hr_id,name\n", "hr_id,name\nE1,A\n", "\ufeffHR_ID,NAME,KIND\nx,y,Councillors\n",
		"hr_id,name,manager_hr_id\nE1,A,E1\n", "hr_id,name\n\"x\n", "hr_id,name,start_on\nE,A,29/02/2024\n",
		"hr_id,name,email\nE,A,a@b\nF,B,A@B\n", "hr_id,hr_id\n", "hr_id,name\n\xff,x\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(strings.NewReader(string(data)), "hr.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "hr.csv: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, r := range file.Rows {
			if r.HRID == "" || r.Name == "" || r.Kind == "" || r.Line < 2 {
				t.Fatalf("incomplete row %+v", r)
			}
			for _, d := range []string{r.StartOn, r.EndOn, r.LeftOn} {
				if d != "" && len(d) != 10 {
					t.Fatalf("date %q in row %+v", d, r)
				}
			}
		}
	})
}
