package entra_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

// FuzzReadEntra: whatever the bytes, Read neither panics nor half
// succeeds. A refusal is a ParseError (so it names the file); a success is
// a directory whose edges point at its nodes.
func FuzzReadEntra(f *testing.F) {
	if sample, err := os.ReadFile(ashcombeFile); err == nil {
		f.Add(sample)
	}
	for _, s := range []string{
		entraDoc(""),
		entraDoc(`"groups":[{"id":"g","members":[{"id":"u","@odata.type":"#microsoft.graph.user"}],"owners":[{"id":"o"}]}]`),
		entraDoc(`"servicePrincipals":[{"id":"s","appId":"a","accountEnabled":true,"owners":[{"id":"o"}]}],"applications":[{"appId":"A","owners":[{"id":"p"}]}]`),
		entraDoc(`"roleDefinitions":[{"id":"c","templateId":"c","displayName":"Custom","isBuiltIn":false}],"roleEligibilitySchedules":[{"principalId":"p","roleDefinitionId":"c","directoryScopeId":"/"}]`),
		`{"tenant":{"id":"t"},"roleAssignments":[{"principalId":"u","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/administrativeUnits/x"}],"users":[` +
			entraUser("u", `"createdDateTime":"/Date(1709284502000)/","signInActivity":{"lastSignInDateTime":"2024-03-01T09:15:02"},"registration":{"isMfaRegistered":true,"methodsRegistered":["fido2"]}`) + `]}`,
		`{"tenant":{"id":"t"},"users":[{"id":"a"}]}`,
		`[]`,
		``,
		`{"users":[{"id":"u","x":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}]}`, // past the nesting limit
		"\xef\xbb\xbf{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := identity.NewBuilder(identity.EntraID)
		err := entra.Read(b, "fuzz.json", bytes.NewReader(data))
		if err != nil {
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.json" {
				t.Fatalf("refusal %v (%T) is not a ParseError naming the file", err, err)
			}
			return
		}
		d := b.Directory()
		checkEdges(t, d)
		if d.Name == "" {
			t.Fatal("a directory read without a name")
		}
	})
}
