package cli

// runPeople is the `ward people` group. On this branch it holds only the
// accounts view; the people import and listing join it.
func runPeople(e *env, args []string) error {
	return subcommand(e, "people", args, []verb{peopleAccountsVerb})
}
