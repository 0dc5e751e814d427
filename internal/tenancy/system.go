package tenancy

// SystemJob is work done for no signed-in caller, which may therefore read or
// write across every org. Each such job is named here, so that a scope wider
// than the caller's is always a visible, searchable decision. Migrations, the
// mail outbox and the session sweep need none: the tables they touch hold no
// org's data.
type SystemJob string

const (
	// JobOperator is the person at the command line: they hold the database.
	JobOperator SystemJob = "operator"
	// JobDemo seeds the demonstration database with every org's data.
	JobDemo SystemJob = "demo"
	// JobWARPNotify finds the member users of every org an advisory reaches,
	// to mail them: the publisher may not see those orgs' users itself.
	JobWARPNotify SystemJob = "warp-notify"
	// JobWARPDirectory reads the WARP's directory: member orgs' names and
	// the WARP users a share may be addressed to, which members of a
	// community see of one another (never those orgs' other data).
	JobWARPDirectory SystemJob = "warp-directory"
	// JobInboundWebhook resolves the org a signed webhook (the phone system)
	// names, before its signature is checked against that org's secret.
	JobInboundWebhook SystemJob = "inbound-webhook"
	// JobWalkupKiosk finds the site a walk-up kiosk link (a tablet or a
	// queue screen that has not signed in) belongs to, by its token's hash.
	JobWalkupKiosk SystemJob = "walkup-kiosk"
	// JobStatusPage finds the org a status page, subscription or
	// unsubscribe link names when nobody is signed in, and the subscribers
	// of its services; it reads only what the public view shows.
	JobStatusPage SystemJob = "status-page"
	// JobTrainingCheck is the hourly run that brings every org's
	// training-overdue findings up to date as days pass.
	JobTrainingCheck SystemJob = "training-check"
	// JobTest is a test's own setup and checking, which look at the whole
	// database from outside any caller.
	JobTest SystemJob = "test"
)

// ForSystem is the every-org scope of a named system job.
func ForSystem(job SystemJob) Scope {
	if job == "" {
		return Scope{} // an unnamed job gets the invalid scope, and fails
	}
	return allOrgs()
}
