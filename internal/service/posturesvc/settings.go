package posturesvc

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// mailDomainControls cannot be checked until an org names its official domains.
var mailDomainControls = []string{"external-forwarding", "unofficial-domain"}

// SetDomains replaces an org's official mail domains.
func (s *Service) SetDomains(ctx context.Context, p tenancy.Principal, orgID int64, domains []string) ([]string, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var clean []string
	for _, d := range domains {
		d = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "@"), ".")
		if d == "" || seen[d] {
			continue
		}
		seen[d] = true
		clean = append(clean, d)
	}
	sort.Strings(clean)
	check := posture.Settings{OfficialDomains: clean, Disabled: map[string]bool{}}
	for _, id := range mailDomainControls {
		check.Disabled[id] = true // an empty list is allowed here; evaluate says what it skips
	}
	if err := check.Validate(); err != nil {
		return nil, invalid("domains", "%v", err)
	}
	return clean, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetOrgDomains(ctx, p.Scope, orgID, clean); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PostureSettings,
			Target: "official domains", Detail: map[string]string{"domains": strings.Join(clean, " ")}, IP: p.IP})
		return err
	})
}

// SetControl changes an org's parameters for one control, or switches it
// off or on. Parameters not named keep their values; an empty value goes
// back to the catalogue's default.
func (s *Service) SetControl(ctx context.Context, p tenancy.Principal, orgID int64, control string, params map[string]string, disabled *bool) (store.ControlSetting, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return store.ControlSetting{}, err
	}
	if _, ok := posture.ControlByID(control); !ok {
		return store.ControlSetting{}, invalid("control", "%q is not a control; `ward posture controls` lists them", control)
	}
	if err := checkParams(control, params); err != nil {
		return store.ControlSetting{}, err
	}
	var out store.ControlSetting
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.ControlSettings(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		out = store.ControlSetting{Control: control, Params: map[string]string{}}
		for _, c := range held {
			if c.Control == control {
				out = c
			}
		}
		if out.Params == nil {
			out.Params = map[string]string{}
		}
		for k, v := range params {
			if v = strings.TrimSpace(v); v == "" {
				delete(out.Params, k)
			} else {
				out.Params[k] = v
			}
		}
		if disabled != nil {
			out.Disabled = *disabled
		}
		check := posture.Settings{Params: map[string]map[string]string{control: out.Params},
			OfficialDomains: []string{"example.gov.uk"}}
		if err := check.Validate(); err != nil {
			return invalid("params", "%v", err)
		}
		out.UpdatedBy = p.Actor
		if err := s.Store.SetControlSetting(ctx, p.Scope, orgID, out); err != nil {
			return err
		}
		detail := map[string]string{"disabled": fmt.Sprint(out.Disabled)}
		for k, v := range out.Params {
			detail[k] = v
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PostureSettings,
			Target: "control " + control, Detail: detail, IP: p.IP})
		return err
	})
	return out, err
}

// checkParams reports every parameter of a control that is wrong at once,
// each under the parameter's name, so a form shows them all together.
func checkParams(control string, params map[string]string) error {
	var bad fault.Fields
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		one := posture.Settings{Params: map[string]map[string]string{control: {name: params[name]}}, OfficialDomains: []string{"example.gov.uk"}}
		if err := one.Validate(); err != nil {
			bad.Add(name, "%v", err)
		}
	}
	return bad.Err()
}
