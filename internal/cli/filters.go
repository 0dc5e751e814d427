package cli

import (
	"flag"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// choice is what an enumerated flag may be given: the values its refusal
// lists, and whether a value is one of them, read as the domain package
// that defines them reads it ("p2" is P2, "amber" is AMBER).
type choice struct {
	allowed []string
	accepts func(string) bool
}

// The enumerated flags' choices, each taken from the package that defines
// the values, so a new state or marking is offered and checked everywhere
// at once.
var (
	deskStates       = parsedBy(desk.States, desk.ParseState)
	ticketStates     = deskStates.and("open")
	ticketPriorities = parsedBy(desk.Priorities, desk.ParsePriority)
	ticketChannels   = parsedBy(desk.Channels, desk.ParseChannel)
	ticketTypes      = parsedBy(desk.Types, desk.ParseType)
	findingStates    = parsedBy(finding.States, finding.ParseState)
	subjectKinds     = parsedBy(finding.SubjectKinds, finding.ParseSubjectKind)
	severities       = parsedBy(posture.Severities, posture.ParseSeverity)
	controls         = oneOf(controlIDs()...)
	orgKinds         = parsedBy(tenancy.OrgKinds, tenancy.ParseOrgKind)
	roles            = parsedBy(tenancy.Roles, tenancy.ParseRole)
	markings         = parsedBy(warp.Markings, warp.ParseMarking)
	// sharedMarkings leaves out RED, which names people, and people are
	// named only on the web.
	sharedMarkings     = parsedBy(slices.DeleteFunc(slices.Clone(warp.Markings), func(m warp.Marking) bool { return m == warp.Red }), warp.ParseMarking).except(string(warp.Red))
	indicatorTypes     = parsedBy(warp.Types, warp.ParseType)
	advisorySeverities = oneOf(warpsvc.Severities...).folded()
	sightingShares     = oneOf(warpsvc.Shares...)
	logStyles          = oneOf(warpgen.LogStyles...)
)

// controlIDs are the baseline's controls.
func controlIDs() []string {
	var ids []string
	for _, c := range posture.Catalogue() {
		ids = append(ids, c.ID)
	}
	return ids
}

// parsedBy is the values all, as the domain's parse reads them. A value
// is listed as typed: a marking as AMBER, not as its label TLP:AMBER.
func parsedBy[T any](all []T, parse func(string) (T, error)) choice {
	names := make([]string, len(all))
	for i, v := range all {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
			names[i] = rv.String()
		} else {
			names[i] = fmt.Sprint(v)
		}
	}
	return choice{allowed: names, accepts: func(s string) bool { _, err := parse(s); return err == nil }}
}

// oneOf is exactly these values.
func oneOf[T ~string](all ...T) choice {
	names := make([]string, len(all))
	for i, v := range all {
		names[i] = string(v)
	}
	return choice{allowed: names, accepts: func(s string) bool { return slices.Contains(names, s) }}
}

// folded is ch with upper and lower case alike.
func (ch choice) folded() choice {
	return choice{allowed: ch.allowed, accepts: func(s string) bool { return ch.accepts(strings.ToLower(strings.TrimSpace(s))) }}
}

// and is ch with one more value.
func (ch choice) and(extra string) choice {
	return choice{allowed: append(slices.Clip(ch.allowed), extra), accepts: func(s string) bool { return s == extra || ch.accepts(s) }}
}

// except is ch without a value its parse would read as given.
func (ch choice) except(refused string) choice {
	return choice{allowed: ch.allowed, accepts: func(s string) bool {
		return ch.accepts(s) && !strings.EqualFold(strings.TrimSpace(s), refused)
	}}
}

// check is nil when v is one of the choices or not given, and otherwise the
// usage error (exit 2) naming the flag and what it may be.
func (ch choice) check(flagName, v string) error {
	if v == "" || ch.accepts(v) {
		return nil
	}
	return usagef("--%s must be %s, not %q", flagName, either(ch.allowed), v)
}

// enumerated is one enumerated flag of a command, checked when it parses.
type enumerated struct {
	name   string
	value  *string
	ch     choice
	listed bool // the flag takes a comma-separated list of choices
}

// withChoice adds an enumerated flag bound to p: its help lists the
// choices, and a value that is not one is refused with them before anything
// is opened.
func (c *cmd) withChoice(p *string, name, value, help string, ch choice) *cmd {
	c.fs.StringVar(p, name, value, help+": "+either(ch.allowed))
	c.choices = append(c.choices, enumerated{name, p, ch, false})
	return c
}

// withChoices is withChoice for a flag that takes a comma-separated list.
func (c *cmd) withChoices(p *string, name, help string, ch choice) *cmd {
	c.fs.StringVar(p, name, "", help+"; a comma-separated list of "+either(ch.allowed))
	c.choices = append(c.choices, enumerated{name, p, ch, true})
	return c
}

// choose is withChoice for a flag the command reads through flagValues.
func (c *cmd) choose(name, help string, ch choice) *cmd {
	return c.withChoice(new(string), name, "", help, ch)
}

// checkChoices refuses the first enumerated flag given a value it may not
// take.
func (c *cmd) checkChoices() error {
	for _, en := range c.choices {
		values := []string{*en.value}
		if en.listed {
			values = strings.Split(*en.value, ",")
		}
		for _, v := range values {
			if err := en.ch.check(en.name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// flagValues is the flags given on the command line as a query, the form
// internal/httpin reads a list's filters from: a filter is then read, and
// refused, the same way from a flag, a page's query and the API's.
func flagValues(fs *flag.FlagSet) url.Values {
	q := url.Values{}
	fs.Visit(func(f *flag.Flag) { q.Set(f.Name, f.Value.String()) })
	return q
}

// filterUsage is the first wrong filter as a usage error (exit 2) naming
// its flag, or nil when every filter was understood.
func filterUsage(errs []httpin.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return usagef("--%s: %s", errs[0].Field, errs[0].Detail)
}
