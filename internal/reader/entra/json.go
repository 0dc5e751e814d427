package entra

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/ward-shared-service/ward/internal/reader"
)

// The Graph objects of an Entra export, as docs/entra-json.md describes
// them. Field names are Graph's; members ward does not use are skipped, so
// an admin may export whole objects. Pointers tell "absent or null" from
// false where ward must not guess. (omitzero only shortens what
// identitygen.Entra writes.)

// Tenant is the organization the export was taken from.
type Tenant struct {
	ID            string `json:"id"`
	DisplayName   string `json:"displayName"`
	DefaultDomain string `json:"defaultDomain"`
}

// User is a member or guest account.
type User struct {
	ID                           string        `json:"id"`
	UserPrincipalName            string        `json:"userPrincipalName"`
	DisplayName                  string        `json:"displayName"`
	Mail                         string        `json:"mail"`
	AccountEnabled               *bool         `json:"accountEnabled"`
	UserType                     string        `json:"userType"`
	OnPremisesSecurityIdentifier string        `json:"onPremisesSecurityIdentifier,omitzero"`
	OnPremisesSyncEnabled        *bool         `json:"onPremisesSyncEnabled,omitzero"`
	CreatedDateTime              Time          `json:"createdDateTime"`
	LastPasswordChangeDateTime   Time          `json:"lastPasswordChangeDateTime"`
	PasswordPolicies             string        `json:"passwordPolicies,omitzero"`
	SignInActivity               *SignIn       `json:"signInActivity,omitzero"`
	Registration                 *Registration `json:"registration,omitzero"`
}

// SignIn is a user's signInActivity.
type SignIn struct {
	LastSignInDateTime               Time `json:"lastSignInDateTime"`
	LastNonInteractiveSignInDateTime Time `json:"lastNonInteractiveSignInDateTime"`
	LastSuccessfulSignInDateTime     Time `json:"lastSuccessfulSignInDateTime"`
}

// Registration is the user's row of Graph's userRegistrationDetails
// report, joined on the user's id by the export script.
type Registration struct {
	IsMfaRegistered   *bool    `json:"isMfaRegistered"`
	MethodsRegistered []string `json:"methodsRegistered"`
}

// Ref is a directoryObject as /members and /owners list it.
type Ref struct {
	ID   string `json:"id"`
	Type string `json:"'@odata.type'"`
}

// Group is a group with its members and owners.
type Group struct {
	ID                           string `json:"id"`
	DisplayName                  string `json:"displayName"`
	SecurityEnabled              *bool  `json:"securityEnabled"`
	IsAssignableToRole           *bool  `json:"isAssignableToRole"`
	OnPremisesSecurityIdentifier string `json:"onPremisesSecurityIdentifier,omitzero"`
	CreatedDateTime              Time   `json:"createdDateTime"`
	Members                      []Ref  `json:"members"`
	Owners                       []Ref  `json:"owners"`
}

// ServicePrincipal is an application's identity in the tenant.
type ServicePrincipal struct {
	ID                   string `json:"id"`
	AppID                string `json:"appId"`
	DisplayName          string `json:"displayName"`
	AccountEnabled       *bool  `json:"accountEnabled"`
	ServicePrincipalType string `json:"servicePrincipalType"`
	Owners               []Ref  `json:"owners"`
}

// Application is an app registration, whose owners can add credentials.
type Application struct {
	ID          string `json:"id"`
	AppID       string `json:"appId"`
	DisplayName string `json:"displayName"`
	Owners      []Ref  `json:"owners"`
}

// RoleDefinition names a directory role.
type RoleDefinition struct {
	ID          string `json:"id"`
	TemplateID  string `json:"templateId"`
	DisplayName string `json:"displayName"`
	IsBuiltIn   *bool  `json:"isBuiltIn"`
}

// RoleAssignment is a unifiedRoleAssignment or a
// unifiedRoleEligibilitySchedule: ward reads the same four members of both.
type RoleAssignment struct {
	ID               string  `json:"id"`
	PrincipalID      string  `json:"principalId"`
	RoleDefinitionID string  `json:"roleDefinitionId"`
	DirectoryScopeID *string `json:"directoryScopeId"`
}

// Time is a Graph DateTimeOffset as Unix seconds; zero when null.
type Time int64

// graphTimeExample is shown in every message about a bad date.
const graphTimeExample = "want a date and time such as 2026-03-01T09:15:02Z"

func (t *Time) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		*t = 0
		return nil
	case '"':
		v, err := parseGraphTime(tok.String())
		if err != nil {
			return err
		}
		*t = Time(v)
		return nil
	}
	return graphReason(graphTimeExample + ", not " + graphKind(tok.Kind()))
}

// MarshalJSONTo writes the time as Graph does, for identitygen.Entra.
func (t Time) MarshalJSONTo(enc *jsontext.Encoder) error {
	if t == 0 {
		return enc.WriteToken(jsontext.Null)
	}
	return enc.WriteToken(jsontext.String(time.Unix(int64(t), 0).UTC().Format(time.RFC3339)))
}

// parseGraphTime reads the forms a date reaches ward in: Graph writes RFC
// 3339 in UTC; PowerShell 7's ConvertTo-Json may drop the zone (the time
// is still UTC) or write seven fractional digits; Windows PowerShell 5.1
// writes /Date(milliseconds)/. Graph's "0001-01-01T00:00:00Z" and anything
// before 1970 mean "never".
func parseGraphTime(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if ms, ok := strings.CutPrefix(s, "/Date("); ok {
		if ms, ok = strings.CutSuffix(ms, ")/"); ok {
			if i := strings.IndexAny(ms[min(1, len(ms)):], "+-"); i >= 0 {
				ms = ms[:i+1] // the offset says how to show it, not when it was
			}
			if n, err := strconv.ParseInt(ms, 10, 64); err == nil {
				return max(n/1000, 0), nil
			}
		}
	} else {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05"} {
			if t, err := time.Parse(layout, s); err == nil {
				return max(t.Unix(), 0), nil
			}
		}
	}
	return 0, graphReason(fmt.Sprintf("%s, not %s", graphTimeExample, graphQuote(s)))
}

// graphReason is a reason written for the admin, reported as it is.
type graphReason string

func (e graphReason) Error() string { return string(e) }

// graphFail turns a decoding error into a ParseError naming the JSON path
// of the bad value; dec is the decoder, for errors that carry no path.
func graphFail(file string, dec *jsontext.Decoder, err error) error {
	var pe *reader.ParseError
	if errors.As(err, &pe) {
		return err
	}
	if refused, ok := limitFail(file, dec, err); ok {
		return refused
	}
	fail := func(p jsontext.Pointer, reason string) error {
		return &reader.ParseError{File: file, Path: graphPath(p), Reason: reason}
	}
	var want graphReason
	var se *json.SemanticError
	var sy *jsontext.SyntacticError
	switch {
	case errors.As(err, &se) && errors.As(err, &want):
		return fail(se.JSONPointer, string(want))
	case errors.As(err, &se):
		reason := graphWant(se.GoType)
		if se.JSONKind != 0 {
			reason += ", not " + graphKind(se.JSONKind)
		} else if se.Err != nil {
			reason += ": " + se.Err.Error()
		}
		return fail(se.JSONPointer, reason)
	case errors.As(err, &sy):
		if errors.Is(sy.Err, jsontext.ErrDuplicateName) {
			// Which value was meant cannot be known, so neither is taken.
			return fail(sy.JSONPointer, "appears twice in one object")
		}
		if errors.Is(sy.Err, io.ErrUnexpectedEOF) {
			return fail(sy.JSONPointer, "the file ends in the middle of this value: the export was cut short")
		}
		if strings.Contains(sy.Err.Error(), "invalid UTF-8") { // jsontext's error for it is not exported
			return fail(sy.JSONPointer, fmt.Sprintf("is not valid UTF-8 text (at byte %d of the file); save the export as UTF-8", sy.ByteOffset))
		}
		return fail(sy.JSONPointer, fmt.Sprintf("not valid JSON at byte %d: %v", sy.ByteOffset, sy.Err))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fail(dec.StackPointer(), "the file ends in the middle of this value: the export was cut short")
	}
	return fail(dec.StackPointer(), "cannot read the file: "+err.Error())
}

// graphWant says what JSON a Go type is read from.
func graphWant(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "want another value"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "want true or false"
	case reflect.String:
		return "want a string"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "want an array of strings"
		}
		return "want an array"
	case reflect.Struct:
		return "want an object"
	}
	return "want another value"
}

func graphKind(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "true or false"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "something else"
}

// graphPath writes a JSON pointer as JSONPath, the form JSON viewers and
// jq users read: /users/3/accountEnabled is $.users[3].accountEnabled.
func graphPath(p jsontext.Pointer) string {
	var sb strings.Builder
	sb.WriteString("$")
	for tok := range p.Tokens() {
		switch {
		case tok != "" && strings.Trim(tok, "0123456789") == "":
			sb.WriteString("[" + tok + "]")
		case graphName(tok):
			sb.WriteString("." + tok)
		default:
			sb.WriteString("[" + strconv.Quote(tok) + "]")
		}
	}
	return sb.String()
}

func graphName(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// graphQuote shows a bad value in a message, cut short if it is long.
func graphQuote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconv.Quote(s)
}
