package learningcsv

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

const sample = "course_code,Email,completed_on,score,hr_id\n" +
	"CYB-101,Ann.Lee@ashcombe.gov.uk,2026-03-02,88,\n" +
	"CYB-101,,14/03/2025,,HR-0042\n" +
	"\n" +
	"DP-2,bo@ashcombe.gov.uk,2024-11-30,100%,\n"

func TestReadsColumnsInAnyOrder(t *testing.T) {
	rows, err := Read(strings.NewReader(sample), "lms.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	if r := rows[0]; r.Email != "ann.lee@ashcombe.gov.uk" || r.CourseCode != "CYB-101" || r.CompletedOn != "2026-03-02" || r.Score == nil || *r.Score != 88 || r.Line != 2 {
		t.Errorf("first row %+v", r)
	}
	if r := rows[1]; r.HRID != "HR-0042" || r.CompletedOn != "2025-03-14" || r.Score != nil {
		t.Errorf("British date and HR id: %+v", r)
	}
	if r := rows[2]; r.Line != 5 || *r.Score != 100 {
		t.Errorf("after a blank line %+v", r)
	}
}

func TestReadsGzip(t *testing.T) {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write([]byte(sample))
	z.Close()
	rows, err := Read(&b, "lms.csv.gz")
	if err != nil || len(rows) != 3 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
}

func TestErrorsNameFileLineAndColumn(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "lms.csv: line 1: the file is empty"},
		{"email,course_code\n", "lms.csv: line 1: column completed_on: is missing"},
		{"course_code,completed_on\n", "column email: is missing from the header, as is hr_id"},
		{"email,course_code,completed_on,colour\n", `column "colour": is not a completion column`},
		{"email,course_code,completed_on\na@x.uk,C1,2026-01-01\nb@x.uk,C1,31/02/2026\n", `lms.csv: line 3: column completed_on: "31/02/2026" is not a date`},
		{"email,course_code,completed_on\nnobody,C1,2026-01-01\n", `line 2: column email: "nobody" is not an e-mail address`},
		{"email,course_code,completed_on\na@x.uk,,2026-01-01\n", "line 2: column course_code: is empty"},
		{"email,course_code,completed_on,score\na@x.uk,C,2026-01-01,101\n", "line 2: column score"},
		{"email,course_code,completed_on\n\"a@x.uk,C,2026-01-01\n", "lms.csv: line 2"},
	} {
		_, err := Read(strings.NewReader(c.in), "lms.csv")
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func FuzzLearningCSV(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("email,course_code,completed_on\na@x.uk,C1,2026-01-01\n"))
	f.Add([]byte("hr_id,course_code,completed_on,score\nH1,C1,01/02/2026,50\n"))
	f.Add([]byte("\ufeffemail,course_code,completed_on\n\"a\"\"@x\",C1,2026-13-01\n"))
	f.Add([]byte{0x1f, 0x8b, 0x08})
	f.Fuzz(func(t *testing.T, in []byte) {
		rows, err := Read(bytes.NewReader(in), "fuzz.csv")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) && !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("an error that names no file: %v", err)
			}
			return
		}
		for _, r := range rows {
			if _, ok := Day(r.CompletedOn); !ok || r.CourseCode == "" || (r.Email == "" && r.HRID == "") {
				t.Fatalf("a row that should have been refused: %+v", r)
			}
		}
	})
}
