package web_test

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	ticketLink = regexp.MustCompile(`<a class="govuk-link" href="/tickets/([^"/?]+)">`)
	nextLink   = regexp.MustCompile(`href="([^"]+)" rel="next"`)
	prevLink   = regexp.MustCompile(`href="([^"]+)" rel="prev"`)
	countText  = regexp.MustCompile(`id="ticket-count">([0-9,]+) tickets<`)
)

// The agent sorts the list by priority from its column heading and pages
// through it by the next links to the end and back by the previous links:
// each ticket is shown once, as many as the count says, and the way back
// retraces the way forward.
func TestTicketListSortsByColumnAndPagesByCursor(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		res := do(t, agent, "GET", a.http.URL+"/tickets", nil, nil)
		heading := regexp.MustCompile(`<a class="govuk-link" href="(/tickets\?sort=priority)">Priority</a>`).FindStringSubmatch(res.body)
		if res.status != 200 || heading == nil || !strings.Contains(res.body, `aria-sort="descending"><a class="govuk-link" href="/tickets">Opened</a>`) {
			t.Fatalf("ticket list: %d, want a Priority heading that sorts and Opened marked as the order", res.status)
		}
		target := a.http.URL + html.UnescapeString(heading[1])
		var forward [][]string
		seen := map[string]bool{}
		total := -1
		for pages := 0; target != ""; pages++ {
			if pages > 50 {
				t.Fatal("the next links never end")
			}
			res := do(t, agent, "GET", target, nil, nil)
			if res.status != 200 {
				t.Fatalf("%s: %d", target, res.status)
			}
			if pages == 0 {
				if !strings.Contains(res.body, `aria-sort="ascending"><a class="govuk-link" href="/tickets?sort=priority">Priority</a>`) ||
					!strings.Contains(res.body, `<option value="priority" selected>`) {
					t.Errorf("sorted by priority, the heading and the select do not say so")
				}
				if strings.Contains(res.body, `rel="prev"`) {
					t.Errorf("the first page links to a previous one")
				}
				m := countText.FindStringSubmatch(res.body)
				if m == nil {
					t.Fatal("no count of results on the list")
				}
				total, _ = strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
				if first := strings.Index(res.body, ">P1<"); first < 0 || strings.Index(res.body, ">P3<") < first {
					t.Errorf("sorted by priority, P1 tickets do not come first")
				}
			}
			var refs []string
			for _, m := range ticketLink.FindAllStringSubmatch(res.body, -1) {
				if seen[m[1]] {
					t.Errorf("ticket %s shown twice", m[1])
				}
				seen[m[1]] = true
				refs = append(refs, m[1])
			}
			forward = append(forward, refs)
			target = ""
			if m := nextLink.FindStringSubmatch(res.body); m != nil {
				target = a.http.URL + html.UnescapeString(m[1])
				if !strings.Contains(target, "sort=priority") {
					t.Fatalf("next link %s loses the sort", target)
				}
			}
			if target == "" {
				// The last page: step back by the previous links.
				back := prevLink.FindStringSubmatch(res.body)
				for i := len(forward) - 2; i >= 0; i-- {
					if back == nil {
						t.Fatalf("page %d has no previous link", i+2)
					}
					res := do(t, agent, "GET", a.http.URL+html.UnescapeString(back[1]), nil, nil)
					var refs []string
					for _, m := range ticketLink.FindAllStringSubmatch(res.body, -1) {
						refs = append(refs, m[1])
					}
					if strings.Join(refs, " ") != strings.Join(forward[i], " ") {
						t.Errorf("back at page %d shows %v, want %v", i+1, refs, forward[i])
					}
					back = prevLink.FindStringSubmatch(res.body)
				}
			}
		}
		if len(forward) < 3 {
			t.Errorf("the demo's tickets fill %d pages, want several to page through", len(forward))
		}
		if len(seen) != total {
			t.Errorf("paging showed %d tickets, the count says %d", len(seen), total)
		}
		// A made-up cursor is refused on the form, not a server error.
		if res := do(t, agent, "GET", a.http.URL+"/tickets?cursor=bm9wZQ", nil, nil); res.status != 400 || !strings.Contains(res.body, "out of date") {
			t.Errorf("made-up cursor: %d, want 400 saying the link is out of date", res.status)
		}
	})
}
