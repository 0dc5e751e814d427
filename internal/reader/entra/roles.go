package entra

import (
	"cmp"
	"strings"

	"github.com/ward-shared-service/ward/internal/identity"
)

// RoleNodeID is the node id of an Entra directory role in a tenant. Role
// definitions are the same in every tenant, so the tenant id is part of the
// node id: two councils' Global Administrator roles must stay two nodes.
// The id is upper-cased, as the Builder keeps ids.
func RoleNodeID(tenantID, templateID string) string {
	return strings.ToUpper(tenantID + "-" + templateID)
}

// builtinRoles names the built-in roles by template id, for exports that
// leave out roleDefinitions. Graph uses the template id as the id of a
// built-in role's definition, so an assignment's roleDefinitionId is looked
// up here directly. The ids are from Microsoft's table of built-in roles;
// the list holds the roles that matter to Tier Zero and to hygiene reports,
// not all of them (an unlisted role is named by its id).
var builtinRoles = map[string]string{
	identity.GlobalAdministratorRole:         "Global Administrator",
	identity.PrivilegedRoleAdministratorRole: "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13":   "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d":   "Security Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de":   "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c":   "SharePoint Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1":   "User Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3":   "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7":   "Cloud Application Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f":   "Authentication Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8":   "Helpdesk Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9":   "Conditional Access Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5":   "Intune Administrator",
	"fdd7a751-b60b-444a-984c-02652fe8fa1c":   "Groups Administrator",
	"f2ef992c-3afb-46b9-b7cf-a126ee74c451":   "Global Reader",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2":   "Hybrid Identity Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d":   "Password Administrator",
	"9360feb5-f418-4baa-8175-e2a00bac4301":   "Directory Writers",
	"88d8e3e3-8f55-4a1e-953a-9b9898b8876b":   "Directory Readers",
	"d29b2b05-8046-44ba-8758-1e26182fcf32":   "Directory Synchronization Accounts",
	"8329153b-31d0-4727-b945-745eb3bc5f31":   "Domain Name Administrator",
	"be2f45a1-457d-42af-a067-6ec1fa63bc45":   "External Identity Provider Administrator",
	"0526716b-113d-4c15-b2c8-68e3c22b9f80":   "Authentication Policy Administrator",
	"7698a772-787b-4ac8-901f-60d6b08affd2":   "Cloud Device Administrator",
	"5f2222b1-57c3-48ba-8ad5-d4759f1fde6f":   "Security Operator",
	"5d6b6bb7-de71-4623-b4af-96380a352509":   "Security Reader",
	"69091246-20e8-4a56-aa4d-066075b2a7a8":   "Teams Administrator",
	"e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8":   "Partner Tier2 Support",
	"4ba39ca4-527c-499a-b93d-d9b492c50246":   "Partner Tier1 Support",
	"4d6ac14f-3453-41d0-bef9-a3e0c569773a":   "License Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe":   "Billing Administrator",
	"4a5d8f65-41da-4de4-8968-e035b65339cf":   "Reports Reader",
	"cf1c38e5-3621-4004-a7cb-879624dced7c":   "Application Developer",
}

// BuiltinRoleName names a built-in role by its template id, or returns "".
func BuiltinRoleName(templateID string) string { return builtinRoles[strings.ToLower(templateID)] }

// role is the node of a role definition, made when first used. A built-in
// role's node is named by its template id, which is what Tier Zero looks
// for; a custom role's by its own id.
func (r *entraReader) role(defID string) int32 {
	template, name := defID, ""
	if d, ok := r.defs[defID]; ok {
		name = d.DisplayName
		if d.IsBuiltIn != nil && *d.IsBuiltIn && d.TemplateID != "" {
			template = strings.ToLower(d.TemplateID)
		}
	}
	name = cmp.Or(name, BuiltinRoleName(template), template)
	id := RoleNodeID(r.tenant.ID, template)
	if i, ok := r.roles[id]; ok {
		return i
	}
	i := r.b.Describe(identity.Node{ID: id, Name: strings.ToUpper(name) + "@" + r.sum.Domain, Kind: identity.Role, Flags: identity.Enabled, Directory: r.sum.Domain})
	r.roles[id] = i
	return i
}
