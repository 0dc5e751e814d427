package posturesvc

import (
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
)

// OpenCount is one part of an org's open findings: those of one control,
// or of one kind of subject. Each part is exactly what the findings list
// shows when filtered the same way, so a page can link the figure to it.
type OpenCount struct {
	Control  string `json:"control,omitempty"`
	Failure  string `json:"failure,omitempty"` // what is wrong, for a control's part
	Kind     string `json:"kind,omitempty"`
	Severity string `json:"severity,omitempty"`
	Open     int    `json:"open"`
	Accepted int    `json:"accepted"`
}

// openParts splits the open (and accepted) findings three ways that each
// add up to the whole: by device and mailbox control, by identity control,
// and by kind of subject. A control switched off or no longer in the
// catalogue still has its findings counted, in Other, so nothing is lost.
func (o *Overview) openParts(open, accepted []finding.Finding) {
	openBy, acceptedBy, kindOpen := map[string]int{}, map[string]int{}, map[finding.SubjectKind]int{}
	for _, f := range open {
		openBy[f.Control]++
		kindOpen[f.Subject.Kind]++
	}
	for _, f := range accepted {
		acceptedBy[f.Control]++
	}
	listed := map[string]bool{}
	for i := range o.Controls {
		c := &o.Controls[i]
		c.Open, listed[c.Control] = openBy[c.Control], true
	}
	for _, c := range posture.ControlsFor(posture.AccountSubject, posture.DirectorySubject, posture.RelationSubject) {
		listed[c.ID] = true
		o.Identity = append(o.Identity, OpenCount{Control: c.ID, Failure: c.Failure, Kind: string(c.Subjects[0]),
			Severity: string(c.Severity), Open: openBy[c.ID], Accepted: acceptedBy[c.ID]})
	}
	for _, c := range posture.Catalogue() {
		if !listed[c.ID] && (openBy[c.ID] > 0 || acceptedBy[c.ID] > 0) {
			listed[c.ID] = true
			o.Other = append(o.Other, OpenCount{Control: c.ID, Failure: c.Failure, Severity: string(c.Severity),
				Open: openBy[c.ID], Accepted: acceptedBy[c.ID]})
		}
	}
	for id, n := range openBy { // retired controls: no catalogue entry to name them
		if !listed[id] {
			o.Other = append(o.Other, OpenCount{Control: id, Failure: id, Open: n, Accepted: acceptedBy[id]})
		}
	}
	for _, k := range finding.SubjectKinds {
		if n := kindOpen[k]; n > 0 {
			o.ByKind = append(o.ByKind, OpenCount{Kind: string(k), Open: n})
		}
	}
}
