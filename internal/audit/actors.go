package audit

import "strings"

// ActorNames names the actors of a record's history as one reader may see
// them: a user whose email is among visible by that email, any other user
// as staff (a council officer does not learn the shared service's staff
// list), a token as "API client", a webhook as hook names it ("ward" when
// hook is nil), anything else ward did itself (the command line, imports,
// scheduled runs) as "ward", and a name with no kind, as an imported
// history names its own people, as it stands.
func ActorNames(visible []string, staff string, hook func(name string) string) func(actor string) string {
	seen := make(map[string]bool, len(visible))
	for _, email := range visible {
		seen[strings.ToLower(email)] = true
	}
	return func(actor string) string {
		kind, name, found := strings.Cut(actor, ":")
		switch {
		case !found:
			return actor
		case kind == "user" && seen[strings.ToLower(name)]:
			return name
		case kind == "user":
			return staff
		case kind == "token":
			return "API client"
		case kind == "hook" && hook != nil:
			return hook(name)
		}
		return "ward"
	}
}
