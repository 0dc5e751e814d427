package audit

import "strings"

// Person is a user as a history may name them.
type Person struct{ Email, Name string }

// Named is how an actor is shown to a reader: Name for people to read and
// ID, when there is one the reader may see, the raw identifier behind it
// (an e-mail address, "system:demo") for those who need it, as a title or
// a detail row.
type Named struct{ Name, ID string }

// ActorPeople names actors as ActorNames does, but a visible user by their
// name, with their e-mail address as the ID, rather than by the address
// alone; anything ward did itself keeps its raw actor as the ID.
func ActorPeople(visible []Person, staff string, hook func(name string) string) func(actor string) Named {
	byEmail := make(map[string]Person, len(visible))
	emails := make([]string, len(visible))
	for i, p := range visible {
		byEmail[strings.ToLower(p.Email)] = p
		emails[i] = p.Email
	}
	names := ActorNames(emails, staff, hook)
	return func(actor string) Named {
		kind, email, _ := strings.Cut(actor, ":")
		if p, ok := byEmail[strings.ToLower(email)]; ok && kind == "user" {
			if p.Name == "" {
				return Named{Name: p.Email, ID: p.Email}
			}
			return Named{Name: p.Name, ID: p.Email}
		}
		n := Named{Name: names(actor)}
		if n.Name == "ward" {
			n.ID = actor
		}
		return n
	}
}
