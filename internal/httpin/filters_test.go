package httpin

import (
	"net/url"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func fields(errs []FieldError) string {
	var f []string
	for _, e := range errs {
		f = append(f, e.Field)
	}
	return strings.Join(f, ",")
}

func TestTicketFilterReadsEveryFieldAndNamesEachBadOne(t *testing.T) {
	f, errs := TicketFilter(url.Values{"state": {"open"}, "priority": {"p2"}, "channel": {"phone"}, "type": {"request"}, "q": {"printer"}})
	if len(errs) > 0 {
		t.Fatalf("a good filter was refused: %v", errs)
	}
	if !f.OpenOnly || f.Priority != desk.P2 || f.Channel != desk.Phone || f.Type != desk.Request || f.Search != "printer" {
		t.Errorf("read %+v", f)
	}
	f, _ = TicketFilter(url.Values{"state": {"resolved"}})
	if f.State != desk.Resolved || f.OpenOnly {
		t.Errorf("state=resolved read as %+v", f)
	}
	if f, _ := TicketFilter(url.Values{"open": {"true"}}); !f.OpenOnly {
		t.Error("open=true is not read as open tickets only")
	}
	_, errs = TicketFilter(url.Values{"state": {"lost"}, "priority": {"P9"}, "channel": {"pigeon"}, "type": {"moan"}})
	if got := fields(errs); got != "state,priority,channel,type" {
		t.Errorf("bad fields named %q, want every one in order", got)
	}
	if !strings.Contains(errs[1].Detail, `"P9"`) {
		t.Errorf("the priority error %q does not name the value given", errs[1].Detail)
	}
}

func TestFindingFilterReadsEveryFieldAndNamesEachBadOne(t *testing.T) {
	f, errs := FindingFilter(url.Values{"state": {"open"}, "control": {"disk-encryption"}, "severity": {"high"}, "kind": {"Device"}})
	if len(errs) > 0 {
		t.Fatalf("a good filter was refused: %v", errs)
	}
	if f.State != finding.Open || f.Control != "disk-encryption" || f.Severity != "high" || f.Kind != finding.Device {
		t.Errorf("read %+v", f)
	}
	_, errs = FindingFilter(url.Values{"state": {"gone"}, "control": {"no-such"}, "severity": {"dire"}, "kind": {"toaster"}})
	if got := fields(errs); got != "state,control,severity,kind" {
		t.Errorf("bad fields named %q, want every one in order", got)
	}
}

func TestPagingAndFormat(t *testing.T) {
	if l, o, bad := Paging(url.Values{"limit": {"20"}, "offset": {"40"}}, 100); bad != nil || l != 20 || o != 40 {
		t.Errorf("limit 20 offset 40 read as %d %d %v", l, o, bad)
	}
	for _, q := range []url.Values{{"limit": {"0"}}, {"limit": {"101"}}, {"limit": {"ten"}}, {"offset": {"-1"}}} {
		if _, _, bad := Paging(q, 100); bad == nil {
			t.Errorf("%v was taken", q)
		}
	}
	if v, bad := Format(url.Values{"format": {"CSV"}}, "json", "csv"); bad != nil || v != "csv" {
		t.Errorf("format=CSV read as %q %v", v, bad)
	}
	if _, bad := Format(url.Values{"format": {"xml"}}, "json", "csv"); bad == nil || bad.Detail != "format must be json or csv" {
		t.Errorf("format=xml answered %v", bad)
	}
}

func TestTicketAssignedReadsMineAndUnassigned(t *testing.T) {
	for raw, want := range map[string]struct {
		id         int64
		unassigned bool
		bad        string
	}{
		"assigned=mine":       {id: 7},
		"assigned=unassigned": {unassigned: true},
		"":                    {},
		"assigned=everyone":   {bad: "assigned"},
	} {
		q, _ := url.ParseQuery(raw)
		var f desksvc.TicketFilter
		errs := TicketAssigned(q, 7, &f)
		if f.AssigneeID != want.id || f.Unassigned != want.unassigned || (want.bad == "") != (len(errs) == 0) {
			t.Errorf("%q: filter %+v, errors %v", raw, f, errs)
		}
	}
	q, _ := url.ParseQuery("assigned=mine")
	if errs := TicketAssigned(q, 0, &desksvc.TicketFilter{}); len(errs) != 1 || !strings.Contains(errs[0].Detail, "signed-in user") {
		t.Errorf("mine for an API token: %v, want a refusal saying it needs a signed-in user", errs)
	}
}
