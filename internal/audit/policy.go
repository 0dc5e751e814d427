package audit

// Policy document actions.
const (
	PolicyPublish = "policy.publish" // a document's new version published (material or minor)
	PolicyPaper   = "policy.paper"   // a paper acceptance recorded, with its scanned copy
	PolicyView    = "policy.view"    // who has and has not accepted was looked at
	PolicyRemind  = "policy.remind"  // reminders and escalations sent
)
