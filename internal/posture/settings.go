package posture

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Settings are one org's choices over the catalogue: its official mail
// domains, the parameters it changes and the controls it switches off.
// Anything not set takes the catalogue's default.
type Settings struct {
	// OfficialDomains are the org's own domains; their subdomains are official too
	// (mail.ashcombe.gov.uk is official when ashcombe.gov.uk is).
	OfficialDomains []string
	// Params holds the org's values by control id, then parameter name. An
	// empty value means the default.
	Params map[string]map[string]string
	// Disabled controls are not evaluated at all (they give no Result).
	Disabled map[string]bool
}

// Enabled reports whether the org evaluates the control.
func (s Settings) Enabled(control string) bool { return !s.Disabled[control] }

// Value returns the parameter's value for this org: its own when set, else
// the catalogue default. It returns "" for a control or parameter that does
// not exist.
func (s Settings) Value(control, param string) string {
	if v := strings.TrimSpace(s.Params[control][param]); v != "" {
		return v
	}
	c := controlFor(control)
	if c == nil {
		return ""
	}
	p, _ := c.Param(param)
	return p.Default
}

// RemediationDays is the org's remediation period for the control, in days.
func (s Settings) RemediationDays(control string) int {
	n, _ := strconv.Atoi(s.Value(control, RemediationParam))
	return n
}

// Validate checks every setting and names each one that is wrong, so a
// settings page or an import can show them all at once.
func (s Settings) Validate() error {
	var errs []error
	for _, d := range s.OfficialDomains {
		if _, err := cleanDomain(d); err != nil {
			errs = append(errs, fmt.Errorf("official domains: %w", err))
		}
	}
	for _, id := range sortedKeys(s.Disabled) {
		if controlFor(id) == nil {
			errs = append(errs, fmt.Errorf("disabled controls: %q is not a control (%s)", id, controlIDs()))
		}
	}
	for _, id := range sortedKeys(s.Params) {
		c := controlFor(id)
		if c == nil {
			errs = append(errs, fmt.Errorf("parameters: %q is not a control (%s)", id, controlIDs()))
			continue
		}
		for _, name := range sortedKeys(s.Params[id]) {
			p, ok := c.Param(name)
			if !ok {
				errs = append(errs, fmt.Errorf("control %s: %q is not one of its parameters (%s)", id, name, paramNames(c)))
				continue
			}
			v := strings.TrimSpace(s.Params[id][name])
			if v == "" {
				continue
			}
			if err := p.check(v); err != nil {
				errs = append(errs, fmt.Errorf("control %s: parameter %s: %w", id, name, err))
			}
		}
	}
	if len(s.OfficialDomains) == 0 {
		var need []string
		for _, id := range []string{ctlExternalForwarding, ctlUnofficialDomain} {
			if s.Enabled(id) {
				need = append(need, id)
			}
		}
		if len(need) > 0 {
			errs = append(errs, fmt.Errorf("official domains: none given, and %s cannot be checked without them: add the council's domains or disable %s",
				strings.Join(need, " and "), strings.Join(need, " and ")))
		}
	}
	return errors.Join(errs...)
}

// check reports whether value is acceptable for the parameter.
func (p *Param) check(value string) error {
	switch p.Kind {
	case DaysParam, MinutesParam, CountParam:
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("%q is not a whole number of %s", value, p.unit())
		}
		if n < p.Min {
			return fmt.Errorf("%d is less than %d, the least allowed", n, p.Min)
		}
		if p.Max > 0 && n > p.Max {
			return fmt.Errorf("%d is more than %d, the most allowed", n, p.Max)
		}
	case BoolParam:
		if _, err := parseBool(value); err != nil {
			return err
		}
	case SeverityParam:
		if _, err := ParseSeverity(value); err != nil {
			return err
		}
	case DomainsParam:
		for _, d := range splitList(value) {
			if _, err := cleanDomain(d); err != nil {
				return err
			}
		}
	case DateParam:
		if value == "" {
			return nil
		}
		t, err := time.Parse(time.DateOnly, value)
		if err != nil {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", value)
		}
		if p.Latest != "" {
			if latest, _ := time.Parse(time.DateOnly, p.Latest); t.After(latest) {
				return fmt.Errorf("%s is later than %s, the latest allowed", value, p.Latest)
			}
		}
	default:
		return fmt.Errorf("kind %q is not known", p.Kind)
	}
	return nil
}

func (p *Param) unit() string {
	switch p.Kind {
	case DaysParam:
		return "days"
	case MinutesParam:
		return "minutes"
	}
	return "items"
}

func parseBool(s string) (bool, error) {
	switch normalise(s) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// splitList splits a list written with commas, semicolons or spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
}

// cleanDomain lower-cases a domain name and checks its shape. A leading "@"
// or "*." is dropped, since people write domains both ways.
func cleanDomain(s string) (string, error) {
	d := strings.ToLower(strings.TrimSpace(s))
	d = strings.TrimPrefix(d, "@")
	d = strings.TrimPrefix(d, "*.")
	d = strings.TrimSuffix(d, ".")
	bad := func() (string, error) {
		return "", fmt.Errorf("%q is not a domain name (like ashcombe.gov.uk)", s)
	}
	if len(d) == 0 || len(d) > 253 || !strings.Contains(d, ".") {
		return bad()
	}
	for label := range strings.SplitSeq(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return bad()
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return bad()
			}
		}
	}
	return d, nil
}

// domainIn reports whether domain is one of list or a subdomain of one,
// ignoring case. It allocates nothing, as it runs per mailbox and device.
func domainIn(domain string, list []string) bool {
	for _, o := range list {
		if len(domain) == len(o) && strings.EqualFold(domain, o) {
			return true
		}
		if len(domain) > len(o) && domain[len(domain)-len(o)-1] == '.' && strings.EqualFold(domain[len(domain)-len(o):], o) {
			return true
		}
	}
	return false
}

func controlIDs() string {
	ids := make([]string, len(catalogue))
	for i, c := range catalogue {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func paramNames(c *Control) string {
	names := make([]string, len(c.Params))
	for i, p := range c.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
