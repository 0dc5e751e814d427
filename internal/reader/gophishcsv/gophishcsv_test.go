package gophishcsv

import (
	"bytes"
	"compress/gzip"
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadsGophishResultsExport(t *testing.T) {
	f, err := os.Open("testdata/results.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Read(f, "results.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 10 {
		t.Fatalf("%d results", len(res))
	}
	byEmail := map[string]Result{}
	for _, r := range res {
		byEmail[r.Email] = r
	}
	for _, c := range []struct {
		email    string
		step     Step
		reported bool
	}{
		{"ann.lee@ashcombe.gov.uk", Sent, false},
		{"bob.khan@ashcombe.gov.uk", Opened, false},
		{"cara.jones@ashcombe.gov.uk", Clicked, false}, // lower-cased
		{"dev.patel@ashcombe.gov.uk", Submitted, false},
		{"eve.moss@ashcombe.gov.uk", Clicked, true}, // clicked, then reported: both kept
		{"finn.ward@ashcombe.gov.uk", Opened, true},
		{"gail.ross@ashcombe.gov.uk", Sent, true}, // the old "Email Reported" status
		{"old.mailbox@ashcombe.gov.uk", NotSent, false},
		{"late.starter@ashcombe.gov.uk", NotSent, false},
	} {
		r, ok := byEmail[c.email]
		if !ok || r.Step != c.step || r.Reported != c.reported {
			t.Errorf("%s: %+v, want step %v reported %v", c.email, r, c.step, c.reported)
		}
	}
	dev := byEmail["dev.patel@ashcombe.gov.uk"]
	if !dev.SentAt.Equal(time.Date(2026, 3, 2, 9, 0, 6, 200e6, time.UTC)) || !dev.ChangedAt.Equal(time.Date(2026, 3, 2, 10, 15, 0, 0, time.UTC)) || dev.Line != 5 {
		t.Errorf("times: %+v", dev)
	}
	if !byEmail["old.mailbox@ashcombe.gov.uk"].SentAt.IsZero() {
		t.Error("Go's zero time should read as no time")
	}
}

func TestColumnsInAnyOrderAndGzip(t *testing.T) {
	src := "Email,reported,Status\nann@x.gov.uk,TRUE,Submitted Data\n"
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(src))
	zw.Close()
	for _, in := range [][]byte{[]byte(src), buf.Bytes()} {
		res, err := Read(bytes.NewReader(in), "r.csv")
		if err != nil || len(res) != 1 || res[0].Step != Submitted || !res[0].Reported {
			t.Errorf("%v %+v", err, res)
		}
	}
}

func TestMistakesNameFileLineAndColumn(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"", "r.csv: line 1: the file is empty"},
		{"email,state\n", "r.csv: line 1: column status: is missing"},
		{"email,status,email\n", `r.csv: line 1: column "email": appears twice`},
		{"email,status\nann@x.gov.uk,Email Sent\nbob@x.gov.uk,Phished\n", `r.csv: line 3: column status: "Phished" is not a Gophish result status`},
		{"email,status\n,Email Sent\n", "r.csv: line 2: column email: is empty"},
		{"email,status\nann,Email Sent\n", `r.csv: line 2: column email: "ann" is not an e-mail address`},
		{"email,status,reported\nann@x.gov.uk,Email Sent,maybe\n", `r.csv: line 2: column reported: "maybe" is not true or false`},
		{"email,status,send_date\nann@x.gov.uk,Email Sent,02/03/2026\n", `r.csv: line 2: column send_date: "02/03/2026" is not a date`},
		{"email,status,send_date,modified_date\nann@x.gov.uk,Clicked Link,2026-03-02T09:00:00Z,2026-03-01T09:00:00Z\n", "r.csv: line 2: column modified_date: is before send_date"},
		{"email,status\nann@x.gov.uk,Email Sent\nANN@x.gov.uk,Email Opened\n", `r.csv: line 3: column email: "ann@x.gov.uk" is given twice (first on line 2)`},
		{"email,status,reported\nann@x.gov.uk,Error,true\n", "r.csv: line 2: column reported: is true, but"},
		{"email,status\nann@x.gov.uk,\xff\n", "r.csv: line 2: column status: is not valid UTF-8"},
		{"email,status\n\"ann@x.gov.uk,Email Sent\n", "r.csv: line 2: "},
	} {
		_, err := Read(strings.NewReader(c.csv), "r.csv")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.csv, err, c.want)
		}
	}
}

func FuzzGophishCSV(f *testing.F) {
	seed, _ := os.ReadFile("testdata/results.csv")
	f.Add(seed)
	f.Add([]byte("email,status\nann@x.gov.uk,Email Sent\n"))
	f.Add([]byte("status,email,reported\nEmail Reported,a@b.c,true\n"))
	f.Add([]byte("\ufeffemail,status,send_date,modified_date\na@b.c,Clicked Link,2026-03-02T09:00:00Z,0001-01-01T00:00:00Z\n"))
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(bytes.NewReader(data), "f.csv")
		if err != nil {
			if res != nil || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("an error should name the file and return nothing: %v", err)
			}
			return
		}
		for _, r := range res {
			if r.Email == "" || r.Email != strings.ToLower(r.Email) || r.Step < NotSent || r.Step > Submitted {
				t.Fatalf("bad result %+v", r)
			}
		}
	})
}
