package major

import (
	"strconv"
	"strings"
	"time"
)

// Review is a post-incident review: what caused the incident, what will be
// done about it and by whom, and what was learnt.
type Review struct {
	Cause      string    `json:"cause"`
	Lessons    string    `json:"lessons"`
	Actions    []Action  `json:"actions"`
	ReviewedBy string    `json:"reviewed_by,omitempty"`
	ReviewedAt time.Time `json:"reviewed_at,omitempty"`
}

// Action is one thing the review says will be done, by an owner, by a date.
type Action struct {
	Action string `json:"action"`
	Owner  string `json:"owner"`
	Due    string `json:"due"` // YYYY-MM-DD
}

// Check names every mistake in a review, by field; the first wrong action
// is named under "actions".
func (r *Review) Check() map[string]string {
	bad := map[string]string{}
	r.Cause, r.Lessons = strings.TrimSpace(r.Cause), strings.TrimSpace(r.Lessons)
	if r.Cause == "" {
		bad["cause"] = "say what caused the incident"
	} else if len(r.Cause) > 10000 {
		bad["cause"] = "keep the cause under 10,000 characters"
	}
	if len(r.Lessons) > 10000 {
		bad["lessons"] = "keep the lessons under 10,000 characters"
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		a.Action, a.Owner, a.Due = strings.TrimSpace(a.Action), strings.TrimSpace(a.Owner), strings.TrimSpace(a.Due)
		// One field for the list, naming the first wrong action: a form
		// shows the actions as one box.
		n := "action " + strconv.Itoa(i+1) + ": "
		msg := ""
		switch {
		case a.Action == "":
			msg = "say what will be done"
		case a.Owner == "":
			msg = "name who owns the action"
		default:
			if _, err := time.Parse("2006-01-02", a.Due); err != nil {
				msg = "give the action a due date as YYYY-MM-DD"
			}
		}
		if _, seen := bad["actions"]; msg != "" && !seen {
			bad["actions"] = n + msg
		}
	}
	return bad
}
