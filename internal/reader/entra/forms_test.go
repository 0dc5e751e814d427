package entra_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

// The forms an export may take, and what the reader refuses.

// entraDoc is a minimal valid export with extra top-level members.
func entraDoc(extra string) string {
	doc := `{"tenant":{"id":"T1","displayName":"Testshire","defaultDomain":"testshire.gov.uk"},"users":[],"roleAssignments":[]`
	if extra != "" {
		doc += "," + extra
	}
	return doc + "}"
}

func readEntraString(s string) (*identity.Directory, entra.Summary, error) {
	b := identity.NewBuilder(identity.EntraID)
	sum, err := entra.ReadSummary(b, "entra.json", strings.NewReader(s))
	if err != nil {
		return nil, sum, err
	}
	return b.Directory(), sum, nil
}

// user writes a valid user object with extra members.
func entraUser(id, extra string) string {
	u := `{"id":"` + id + `","userPrincipalName":"` + id + `@testshire.gov.uk","accountEnabled":true`
	if extra != "" {
		u += "," + extra
	}
	return u + "}"
}

func TestReadEntraForms(t *testing.T) {
	// What PowerShell and other tools do to an export on its way to ward:
	// dates in three forms, a byte-order mark, gzip, the tenant written
	// last, OData annotations, no role definitions.
	doc := `{"@odata.context":"x","users":[` +
		entraUser("u1", `"createdDateTime":"/Date(1709284502000)/","lastPasswordChangeDateTime":"2024-03-01T09:15:02.1234567Z",`+
			`"signInActivity":{"lastSignInDateTime":"2024-03-01T09:15:02","lastNonInteractiveSignInDateTime":"2024-03-01T10:15:02+01:00","lastSuccessfulSignInDateTime":null}`) + `,` +
		entraUser("u2", `"createdDateTime":"0001-01-01T00:00:00Z","lastPasswordChangeDateTime":"/Date(-62135596800000)/","signInActivity":null,"registration":null`) +
		`],"roleAssignments":[{"principalId":"u1","roleDefinitionId":"E8611AB8-C189-46E8-94E1-60213AB1F814"},` +
		`{"principalId":"u2","roleDefinitionId":"11111111-2222-3333-4444-555555555555","directoryScopeId":"/"}],` +
		`"tenant":{"id":"T1","defaultDomain":"testshire.gov.uk"}}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(append([]byte{0xEF, 0xBB, 0xBF}, doc...))
	zw.Close()
	for name, in := range map[string]string{"plain": doc, "bom+gzip": gz.String()} {
		b := identity.NewBuilder(identity.EntraID)
		if err := entra.Read(b, "entra.json", strings.NewReader(in)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d := b.Directory()
		v := entraView{t, d}
		_, u1 := v.node("U1@TESTSHIRE.GOV.UK")
		at := unix("2024-03-01T09:15:02Z")
		if u1.Created != 1709284502 || u1.PwdLastSet != at || u1.LastLogon != at {
			t.Errorf("%s: u1 times %d %d %d, want %d %d %d", name, u1.Created, u1.PwdLastSet, u1.LastLogon, 1709284502, at, at)
		}
		if _, u2 := v.node("U2@TESTSHIRE.GOV.UK"); u2.Created != 0 || u2.PwdLastSet != 0 || u2.LastLogon != 0 {
			t.Errorf("%s: \"never\" read as %+v", name, u2)
		}
		if !v.has("U1@TESTSHIRE.GOV.UK", identity.HasRole, "PRIVILEGED ROLE ADMINISTRATOR@TESTSHIRE.GOV.UK") {
			t.Errorf("%s: built-in role named from the table: %q", name, v.edges("U1@TESTSHIRE.GOV.UK"))
		}
		if !v.has("U2@TESTSHIRE.GOV.UK", identity.HasRole, "11111111-2222-3333-4444-555555555555@TESTSHIRE.GOV.UK") {
			t.Errorf("%s: unknown role named by its id: %q", name, v.edges("U2@TESTSHIRE.GOV.UK"))
		}
		if d.Name != "TESTSHIRE.GOV.UK" {
			t.Errorf("%s: directory %q", name, d.Name)
		}
	}
	// Without a default domain the tenant id names the directory.
	d, _, err := readEntraString(`{"tenant":{"id":"t9"},"users":[],"roleAssignments":[]}`)
	if err != nil || d.Name != "T9" {
		t.Errorf("no default domain: %v, %q", err, d.Name)
	}
}

func TestReadEntraRefuses(t *testing.T) {
	users := func(us ...string) string { return `"users":[` + strings.Join(us, ",") + `]` }
	noUsers := func(rest string) string {
		return `{"tenant":{"id":"T1","defaultDomain":"testshire.gov.uk"},"roleAssignments":[]` + rest + `}`
	}
	for _, c := range []struct {
		name, in, path, reason string
	}{
		{"bad bool", noUsers("," + users(entraUser("a", ""), entraUser("b", ""), entraUser("c", ""), `{"id":"d","userPrincipalName":"d@x","accountEnabled":"yes"}`)),
			"$.users[3].accountEnabled", "want true or false, not a string"},
		{"no accountEnabled", noUsers("," + users(`{"id":"a","userPrincipalName":"a@x"}`)), "$.users[0].accountEnabled", "add accountEnabled to the users query's $select"},
		{"no user id", noUsers("," + users(`{"userPrincipalName":"a@x","accountEnabled":true}`)), "$.users[0].id", "missing"},
		{"no upn", noUsers("," + users(`{"id":"a","accountEnabled":true}`)), "$.users[0].userPrincipalName", "missing"},
		{"user not an object", noUsers("," + users(`"a"`)), "$.users[0]", "want an object, not a string"},
		{"bad date", noUsers("," + users(entraUser("a", `"createdDateTime":"yesterday"`))), "$.users[0].createdDateTime", `want a date and time such as 2026-03-01T09:15:02Z, not "yesterday"`},
		{"31 February", noUsers("," + users(entraUser("a", `"lastPasswordChangeDateTime":"2026-02-31T10:00:00Z"`))), "$.users[0].lastPasswordChangeDateTime", "not \"2026-02-31T10:00:00Z\""},
		{"date as number", noUsers("," + users(entraUser("a", `"signInActivity":{"lastSuccessfulSignInDateTime":1709284502}`))), "$.users[0].signInActivity.lastSuccessfulSignInDateTime", "not a number"},
		{"mfa as string", noUsers("," + users(entraUser("a", `"registration":{"isMfaRegistered":"true"}`))), "$.users[0].registration.isMfaRegistered", "want true or false"},
		{"methods not strings", noUsers("," + users(entraUser("a", `"registration":{"methodsRegistered":[1]}`))), "$.users[0].registration.methodsRegistered[0]", "want a string, not a number"},
		{"same user twice", noUsers("," + users(entraUser("a", ""), entraUser("A", ""))), "$.users[1].id", "described twice"},
		{"repeated member", noUsers("," + users(`{"id":"a","id":"b","userPrincipalName":"a@x","accountEnabled":true}`)), "$.users[0].id", "appears twice in one object"},
		{"no principal", entraDoc(`"roleEligibilitySchedules":[{"roleDefinitionId":"r"},{"roleDefinitionId":"r"}]`), "$.roleEligibilitySchedules[0].principalId", "missing"},
		{"no role", `{"tenant":{"id":"T1"},"users":[],"roleAssignments":[{"principalId":"p"}]}`, "$.roleAssignments[0].roleDefinitionId", "missing"},
		{"members not array", entraDoc(`"groups":[{"id":"g","members":{}}]`), "$.groups[0].members", "want an array, not an object"},
		{"member without id", entraDoc(`"groups":[{"id":"g","members":[{"id":"a"},{"@odata.type":"#microsoft.graph.user"}]}]`), "$.groups[0].members[1].id", "missing"},
		{"member id a number", entraDoc(`"groups":[{"id":"g","owners":[{"id":7}]}]`), "$.groups[0].owners[0].id", "want a string, not a number"},
		{"odata type a number", entraDoc(`"groups":[{"id":"g","members":[{"id":"a","@odata.type":1}]}]`), `$.groups[0].members[0]["@odata.type"]`, "want a string"},
		{"no group id", entraDoc(`"groups":[{"displayName":"g"}]`), "$.groups[0].id", "missing"},
		{"sp enabled missing", entraDoc(`"servicePrincipals":[{"id":"s"}]`), "$.servicePrincipals[0].accountEnabled", "want true or false"},
		{"app without appId", entraDoc(`"applications":[{"id":"x"}]`), "$.applications[0].appId", "missing"},
		{"definition without id", entraDoc(`"roleDefinitions":[{"displayName":"x"}]`), "$.roleDefinitions[0].id", "missing"},
		{"bad exportedAt", entraDoc(`"exportedAt":"1 Nov 2026"`), "$.exportedAt", "want a date and time"},
		{"no tenant", `{"users":[],"roleAssignments":[]}`, "$.tenant", "missing"},
		{"no tenant id", `{"tenant":{"displayName":"x"},"users":[],"roleAssignments":[]}`, "$.tenant.id", "missing"},
		{"no users", `{"tenant":{"id":"t"},"roleAssignments":[]}`, "$.users", "missing"},
		{"no role assignments", `{"tenant":{"id":"t"},"users":[]}`, "$.roleAssignments", "missing"},
		{"users null", `{"tenant":{"id":"t"},"users":null,"roleAssignments":[]}`, "$.users", "want an array, not null"},
		{"users an object", `{"tenant":{"id":"t"},"users":{},"roleAssignments":[]}`, "$.users", "want an array, not an object"},
		{"misspelt member", entraDoc(`"user":[]`), "$.user", "ward does not know this member"},
		{"members twice", entraDoc(`"groups":[],"groups":[]`), "$.groups", "appears twice"},
		{"not an object", `[{"tenant":{}}]`, "$", "want an object, not an array"},
		{"empty", ``, "", "the file is empty"},
		{"cut short", `{"tenant":{"id":"t"},"users":[{"id":"a",`, "$.users[0]", "cut short"},
		{"trailing", entraDoc("") + `{}`, "$", "more JSON after"},
		{"not JSON", `{"tenant":{"id":"t"},}`, "$", "not valid JSON"},
		{"bad UTF-8", noUsers("," + users(entraUser("a", "\"displayName\":\"\xff\""))), "$.users[0].displayName", "is not valid UTF-8 text (at byte"},
		{"bad UTF-8 in a name", noUsers("," + users(entraUser("a", "\"d\xe9partement\":1"))), "$.users[0]", "is not valid UTF-8 text"},
		{"UTF-16", "\xff\xfe{\x00}\x00", "", "UTF-16"},
		{"bad gzip", "\x1f\x8b\x00\x00", "", "gzip"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readEntraString(c.in)
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a ParseError", err)
			}
			if pe.File != "entra.json" || pe.Path != c.path || !strings.Contains(pe.Reason, c.reason) {
				t.Errorf("got  %s\nwant entra.json: %s: …%s…", err, c.path, c.reason)
			}
		})
	}
	// The message as an admin reads it.
	_, _, err := readEntraString(`{"tenant":{"id":"t"},"roleAssignments":[],"users":[` +
		entraUser("a", "") + "," + entraUser("b", "") + "," + entraUser("c", "") +
		`,{"id":"d","userPrincipalName":"d@x","accountEnabled":"yes"}]}`)
	if want := "entra.json: $.users[3].accountEnabled: want true or false, not a string"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %s", err, want)
	}
}
