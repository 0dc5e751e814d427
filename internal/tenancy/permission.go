package tenancy

// Permission is one thing a role may do, checked by handlers before they act.
// The scope then limits which orgs the action touches.
type Permission string

const (
	ViewOrgs      Permission = "view-orgs"      // see org, site and team records
	ViewPeople    Permission = "view-people"    // see users and people in an org
	ManageUsers   Permission = "manage-users"   // add, disable, reset users
	ManageOrgs    Permission = "manage-orgs"    // add orgs, sites and teams
	ViewAudit     Permission = "view-audit"     // read the audit log (confidential)
	RaiseTickets  Permission = "raise-tickets"  // raise service desk tickets
	WorkTickets   Permission = "work-tickets"   // assign and progress tickets
	ViewPosture   Permission = "view-posture"   // see security findings
	ViewReports   Permission = "view-reports"   // read committee reports
	ShareWarnings Permission = "share-warnings" // read and publish in the WARP
	ManageTokens  Permission = "manage-tokens"  // create and revoke API tokens
	ManageDesk    Permission = "manage-desk"    // set calendars and SLA policies, import and re-measure tickets
	ManagePosture Permission = "manage-posture" // import inventories, set control thresholds, accept risks
	// People and the ICT security policy that binds them.
	ManagePeople   Permission = "manage-people"   // import HR records, add and edit people
	ViewAwareness  Permission = "view-awareness"  // see who has accepted the policies and who is trained
	ManagePolicy   Permission = "manage-policy"   // publish policy documents, record paper acceptances
	ManageTraining Permission = "manage-training" // set courses, import completions and phishing results, record attendance
	// The CAF's framework versions are reference data every org shares, so
	// only an admin of the shared service imports one.
	ManageFrameworks Permission = "manage-frameworks" // import CAF framework versions
)

var rolePermissions = map[Role][]Permission{
	RoleAdmin: {ViewOrgs, ViewPeople, ManageUsers, ManageOrgs, ViewAudit, RaiseTickets, WorkTickets, ViewPosture, ViewReports, ShareWarnings, ManageTokens, ManageDesk, ManagePosture,
		ManagePeople, ViewAwareness, ManagePolicy, ManageTraining, ManageFrameworks},
	RoleAgent: {ViewOrgs, ViewPeople, RaiseTickets, WorkTickets},
	// Analysts keep the security policy and the awareness programme; a
	// council's officer keeps its people up to date and watches both.
	RoleAnalyst:   {ViewOrgs, ViewPeople, ViewPosture, ShareWarnings, RaiseTickets, ManagePosture, ViewAwareness, ManagePolicy, ManageTraining},
	RoleOfficer:   {ViewOrgs, ViewPeople, RaiseTickets, ViewPosture, ManagePeople, ViewAwareness},
	RoleMember:    {ShareWarnings},
	RoleCommittee: {ViewOrgs, ViewReports},
}

// Can reports whether the role holds the permission.
func (r Role) Can(p Permission) bool {
	for _, have := range rolePermissions[r] {
		if have == p {
			return true
		}
	}
	return false
}
