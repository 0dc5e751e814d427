package posture

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// SubjectKind is what a control checks.
type SubjectKind string

const (
	DeviceSubject  SubjectKind = "device"
	MailboxSubject SubjectKind = "mailbox"
	// The identity checks: a directory account, a whole directory (an AD
	// domain or an Entra tenant), and a relation between two of its objects.
	AccountSubject   SubjectKind = "account"
	DirectorySubject SubjectKind = "directory"
	RelationSubject  SubjectKind = "relation"
	// PersonSubject is one of an org's people: the policy, training and
	// account-matching checks.
	PersonSubject SubjectKind = "person"
)

var subjectKinds = []SubjectKind{DeviceSubject, MailboxSubject, AccountSubject, DirectorySubject, RelationSubject, PersonSubject}

// Control is one rule of the security baseline. Its ID is stable: findings,
// org settings and reports refer to it, so an ID is never renamed or reused.
type Control struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Failure says what is wrong when the control fails ("Storage is not
	// encrypted"); a finding's title is built from it, never from Title,
	// which names the check.
	Failure     string        `json:"failure"`
	Description string        `json:"description"`
	Severity    Severity      `json:"severity"`
	Subjects    []SubjectKind `json:"subjects"`
	Policy      string        `json:"policy"` // where the rule comes from
	// RemediationDays is how long a failure may stand before its finding is
	// overdue; an org may change it with the remediation_days parameter.
	RemediationDays int     `json:"remediation_days"`
	Params          []Param `json:"params"`
	// Category and Points weigh an identity check's findings in the org's
	// identity score; device and mailbox controls leave them empty.
	Category string `json:"category,omitempty"`
	Points   int    `json:"points,omitempty"`
}

// AppliesTo reports whether the control checks subjects of this kind.
func (c *Control) AppliesTo(kind SubjectKind) bool {
	for _, k := range c.Subjects {
		if k == kind {
			return true
		}
	}
	return false
}

// Param returns the control's parameter with this name.
func (c *Control) Param(name string) (Param, bool) {
	for _, p := range c.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// ParamKind says how a parameter's value is written and checked.
type ParamKind string

const (
	DaysParam     ParamKind = "days"     // a whole number of days
	MinutesParam  ParamKind = "minutes"  // a whole number of minutes
	CountParam    ParamKind = "count"    // a whole number
	BoolParam     ParamKind = "bool"     // true or false
	SeverityParam ParamKind = "severity" // critical, high, medium or low
	DomainsParam  ParamKind = "domains"  // domain names separated by commas; may be empty
	DateParam     ParamKind = "date"     // YYYY-MM-DD; may be empty
)

// Param is a setting of a control that an org may override. Values are
// strings because that is how forms, the API and the CLI carry them;
// Settings.Validate checks them against Kind, Min, Max and Latest.
type Param struct {
	Name        string    `json:"name"`
	Kind        ParamKind `json:"kind"`
	Default     string    `json:"default"`
	Min         int       `json:"min,omitempty"`    // whole-number kinds
	Max         int       `json:"max,omitempty"`    // whole-number kinds
	Latest      string    `json:"latest,omitempty"` // date kind: the latest date allowed
	Description string    `json:"description"`
}

// RemediationParam is the parameter every control accepts for its remediation period.
const RemediationParam = "remediation_days"

//go:embed controls.json
var controlsJSON []byte

var (
	catalogue []Control
	controlAt map[string]int
)

func init() {
	cs, err := loadCatalogue(controlsJSON)
	if err != nil {
		panic("posture: controls.json: " + err.Error())
	}
	catalogue = cs
	controlAt = make(map[string]int, len(cs))
	for i, c := range cs {
		controlAt[c.ID] = i
	}
}

// loadCatalogue parses and checks the catalogue, so that a mistake in the
// embedded data stops the program at start-up (and the tests) rather than
// giving wrong results later.
func loadCatalogue(data []byte) ([]Control, error) {
	var cs []Control
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i := range cs {
		c := &cs[i]
		if c.ID == "" || seen[c.ID] {
			return nil, fmt.Errorf("control %d: id %q is empty or repeated", i, c.ID)
		}
		seen[c.ID] = true
		if _, err := ParseSeverity(string(c.Severity)); err != nil || c.Severity.Rank() >= len(Severities) {
			return nil, fmt.Errorf("control %s: severity %q", c.ID, c.Severity)
		}
		if len(c.Subjects) == 0 {
			return nil, fmt.Errorf("control %s: no subjects", c.ID)
		}
		for _, k := range c.Subjects {
			if !slices.Contains(subjectKinds, k) {
				return nil, fmt.Errorf("control %s: subject %q", c.ID, k)
			}
		}
		if c.forIdentity() != (c.Category != "") || c.Points < 0 || (!c.forIdentity() && c.Points != 0) {
			return nil, fmt.Errorf("control %s: identity checks need a category and points of zero or more; others neither", c.ID)
		}
		if c.Title == "" || c.Failure == "" || c.Description == "" || c.Policy == "" || c.RemediationDays < 1 {
			return nil, fmt.Errorf("control %s: title, failure, description, policy and remediation_days are all needed", c.ID)
		}
		for _, p := range c.Params {
			if p.Name == RemediationParam {
				return nil, fmt.Errorf("control %s: %s is added for every control", c.ID, RemediationParam)
			}
			if err := p.check(p.Default); err != nil {
				return nil, fmt.Errorf("control %s: parameter %s: default: %w", c.ID, p.Name, err)
			}
		}
		c.Params = append(c.Params, Param{
			Name: RemediationParam, Kind: DaysParam, Default: strconv.Itoa(c.RemediationDays), Min: 1, Max: 365,
			Description: "Days allowed to put a failure right before its finding is overdue.",
		})
	}
	return cs, nil
}

// Catalogue returns every control in display order. The slice is a copy:
// changing it changes nothing else.
func Catalogue() []Control {
	out := make([]Control, len(catalogue))
	for i, c := range catalogue {
		out[i] = c.clone()
	}
	return out
}

// ControlsFor returns the controls that check any of these kinds of
// subject, in display order: the device and mailbox pages ask for theirs,
// the identity pages for theirs.
func ControlsFor(kinds ...SubjectKind) []Control {
	var out []Control
	for _, c := range catalogue {
		for _, k := range kinds {
			if c.AppliesTo(k) {
				out = append(out, c.clone())
				break
			}
		}
	}
	return out
}

// forIdentity says whether the control checks directories rather than
// devices or mailboxes.
func (c *Control) forIdentity() bool {
	return c.AppliesTo(AccountSubject) || c.AppliesTo(DirectorySubject) || c.AppliesTo(RelationSubject)
}

// ControlByID returns the control with this id. (A function named Control
// would clash with the type; the type reads better from other packages.)
func ControlByID(id string) (Control, bool) {
	i, ok := controlAt[id]
	if !ok {
		return Control{}, false
	}
	return catalogue[i].clone(), true
}

func (c Control) clone() Control {
	c.Subjects = append([]SubjectKind(nil), c.Subjects...)
	c.Params = append([]Param(nil), c.Params...)
	return c
}

// controlFor is the catalogue's own entry, for code in this package that only reads it.
func controlFor(id string) *Control {
	if i, ok := controlAt[id]; ok {
		return &catalogue[i]
	}
	return nil
}
