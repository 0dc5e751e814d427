package audit

// Major incidents, planned maintenance and the status page.
const (
	MajorRaise        = "major.raise"    // raised, or proposed as a candidate
	MajorDecide       = "major.decide"   // a candidate accepted or declined
	MajorUpdate       = "major.update"   // an update, a plan change or a child linked
	MajorResolve      = "major.resolve"  // resolved with its children
	MajorReview       = "major.review"   // the post-incident review written
	MajorSettings     = "major.settings" // rules and the status page's settings
	MaintenanceAdd    = "maintenance.add"
	StatusSubscribe   = "status.subscribe"
	StatusUnsubscribe = "status.unsubscribe"
)
