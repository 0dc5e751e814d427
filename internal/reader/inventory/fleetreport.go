package inventory

import (
	"time"
)

// report gathers a query report's rows by host.
type report struct {
	hosts map[*host]*reported
	order []*host
}

type reported struct {
	rows []row
	at   time.Time
}

// result reads one element of a results list: a report's row
// ({"host_id","host_name","last_fetched","columns"}) or a live query's
// result for one host ({"host_id","rows"}).
func (f *fleetReader) result(j jv, rep *report) error {
	if err := j.mustObject(); err != nil {
		return err
	}
	id, err := j.get("host_id").text()
	if err != nil {
		return err
	}
	name, err := j.get("host_name").text()
	if err != nil {
		return err
	}
	if id == "" && name == "" {
		if j.get("host").object() || j.has("host") {
			return f.value(j)
		}
		return j.fail("names no host (host_id or host_name)")
	}
	_, line := j.e.locate(j.path)
	h := f.s.find(line, "id:"+id, "name:"+name)
	set(&h.sourceID, id)
	set(&h.hostname, name)
	r := rep.hosts[h]
	if r == nil {
		r = &reported{}
		rep.hosts[h] = r
		rep.order = append(rep.order, h)
	}
	if s, err := j.get("last_fetched").text(); err != nil {
		return err
	} else if s != "" {
		t, ok := parseISO(s, time.UTC, false)
		if !ok {
			return j.get("last_fetched").fail(quote(s) + " is not a date and time (Fleet writes 2024-03-04T09:15:02Z)")
		}
		if t.After(r.at) {
			r.at = t
		}
	}
	switch {
	case j.has("columns"):
		row, err := readRow(j.get("columns"))
		if err != nil {
			return err
		}
		r.rows = append(r.rows, row)
	case j.has("rows"):
		rows, err := readRows(j.get("rows"))
		if err != nil {
			return err
		}
		r.rows = append(r.rows, rows...)
	default:
		return j.fail("has neither columns nor rows")
	}
	return nil
}

// commit records a report's rows as each host's result of the query.
func (f *fleetReader) commit(j jv, rep *report) error {
	qid, err := j.get("query_id").text()
	if err != nil {
		return err
	}
	for _, h := range rep.order {
		r := rep.hosts[h]
		name := "report:" + qid
		if qid == "" {
			name = columnsName(r.rows)
		}
		if err := f.s.snapshot(h, name, r.at, r.rows); err != nil {
			return err
		}
	}
	return nil
}
