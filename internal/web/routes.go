package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// pageRoutes is every page ward serves, with who may reach it. The route ×
// role × org test walks this list, so a route added here is tested by default.
func (s *Server) pageRoutes() []Route {
	phone := httpin.PhoneHook(s.desk, s.log, s.clientIP)
	return []Route{
		{Method: "GET", Path: "/signin", Access: Public, handle: s.signInForm},
		{Method: "POST", Path: "/signin", Access: Public, handle: s.signIn},
		{Method: "GET", Path: "/signin/oidc", Access: Public, handle: s.oidcStart},
		{Method: "GET", Path: "/signin/oidc/callback", Access: Public, handle: s.oidcCallback},
		{Method: "GET", Path: "/signin/2fa", Access: Pending, handle: s.twoFactorForm},
		{Method: "POST", Path: "/signin/2fa", Access: Pending, handle: s.twoFactor},
		{Method: "POST", Path: "/signout", Access: Public, handle: s.signOut},

		{Method: "GET", Path: "/account/2fa/setup", Access: Enrol, handle: s.enrolForm},
		{Method: "GET", Path: "/account/2fa/qr.png", Access: Enrol, handle: s.enrolQR},
		{Method: "POST", Path: "/account/2fa/setup", Access: Enrol, handle: s.enrol},
		{Method: "GET", Path: "/account", Access: Full, handle: s.account},
		{Method: "POST", Path: "/account/password", Access: Full, handle: s.changePassword},
		{Method: "POST", Path: "/account/recovery-codes", Access: Full, handle: s.newRecoveryCodes},

		{Method: "GET", Path: "/{$}", Access: Full, handle: s.home},
		// Search: every signed-in role; each kind is searched by its own
		// service within the user's scope, so the route needs no permission.
		{Method: "GET", Path: "/search", Access: Full, handle: s.searchPage},
		{Method: "POST", Path: "/org/switch", Access: Full, handle: s.switchOrg},
		{Method: "GET", Path: "/orgs", Access: Full, Permission: tenancy.ViewOrgs, handle: s.orgList},
		{Method: "GET", Path: "/orgs/{slug}", Access: Full, Permission: tenancy.ViewOrgs, handle: s.orgDetail},
		{Method: "GET", Path: "/admin/orgs/new", Access: Full, Permission: tenancy.ManageOrgs, handle: s.orgNewForm},
		{Method: "POST", Path: "/admin/orgs", Access: Full, Permission: tenancy.ManageOrgs, handle: s.orgCreate},
		{Method: "POST", Path: "/orgs/{slug}/sites", Access: Full, Permission: tenancy.ManageOrgs, handle: s.siteCreate},
		{Method: "POST", Path: "/orgs/{slug}/teams", Access: Full, Permission: tenancy.ManageOrgs, handle: s.teamCreate},
		{Method: "POST", Path: "/orgs/{slug}/ref-prefix", Access: Full, Permission: tenancy.ManageOrgs, handle: s.refPrefixChange},

		{Method: "GET", Path: "/admin/users", Access: Full, Permission: tenancy.ManageUsers, handle: s.userList},
		{Method: "GET", Path: "/admin/users/new", Access: Full, Permission: tenancy.ManageUsers, handle: s.userNewForm},
		{Method: "POST", Path: "/admin/users", Access: Full, Permission: tenancy.ManageUsers, handle: s.userCreate},
		{Method: "GET", Path: "/admin/users/{id}", Access: Full, Permission: tenancy.ManageUsers, handle: s.userDetail},
		{Method: "POST", Path: "/admin/users/{id}/disable", Access: Full, Permission: tenancy.ManageUsers, handle: s.userDisable},
		{Method: "POST", Path: "/admin/users/{id}/enable", Access: Full, Permission: tenancy.ManageUsers, handle: s.userEnable},
		{Method: "POST", Path: "/admin/users/{id}/reset-2fa", Access: Full, Permission: tenancy.ManageUsers, handle: s.userReset2FA},
		{Method: "POST", Path: "/admin/users/{id}/reset-password", Access: Full, Permission: tenancy.ManageUsers, handle: s.userResetPassword},
		{Method: "POST", Path: "/admin/users/{id}/grant", Access: Full, Permission: tenancy.ManageUsers, handle: s.userGrant},
		{Method: "POST", Path: "/admin/users/{id}/ungrant", Access: Full, Permission: tenancy.ManageUsers, handle: s.userUngrant},

		{Method: "GET", Path: "/admin/tokens", Access: Full, Permission: tenancy.ManageTokens, handle: s.tokenList},
		{Method: "POST", Path: "/admin/tokens", Access: Full, Permission: tenancy.ManageTokens, handle: s.tokenCreate},
		{Method: "POST", Path: "/admin/tokens/{id}/revoke", Access: Full, Permission: tenancy.ManageTokens, handle: s.tokenRevoke},

		{Method: "GET", Path: "/admin/audit", Access: Full, Permission: tenancy.ViewAudit, Confidential: true, handle: s.auditLog},
		{Method: "GET", Path: "/admin/audit.csv", Access: Full, Permission: tenancy.ViewAudit, handle: s.auditCSV},

		{Method: "GET", Path: "/tickets", Access: Full, Permission: tenancy.RaiseTickets, handle: s.ticketList},
		{Method: "GET", Path: "/tickets.csv", Access: Full, Permission: tenancy.RaiseTickets, handle: s.ticketCSV},
		{Method: "GET", Path: "/tickets/new", Access: Full, Permission: tenancy.RaiseTickets, handle: s.ticketNewForm},
		{Method: "POST", Path: "/tickets", Access: Full, Permission: tenancy.RaiseTickets, MaxBody: s.ticketFormMax(), handle: s.ticketCreate},
		{Method: "GET", Path: "/tickets/{id}", Access: Full, Permission: tenancy.RaiseTickets, handle: s.ticketDetail},
		{Method: "POST", Path: "/tickets/{id}", Access: Full, Permission: tenancy.RaiseTickets, MaxBody: s.ticketFormMax(), handle: s.ticketUpdate},
		{Method: "GET", Path: "/tickets/{id}/attachments/{file}", Access: Full, Permission: tenancy.RaiseTickets, handle: s.ticketAttachment},
		{Method: "GET", Path: "/desk", Access: Full, Permission: tenancy.WorkTickets, handle: s.deskDashboard},
		{Method: "GET", Path: "/desk/walk-up", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkUpForm},
		{Method: "POST", Path: "/desk/walk-up", Access: Full, Permission: tenancy.WorkTickets, MaxBody: s.ticketFormMax(), handle: s.walkUpLog},
		{Method: "GET", Path: "/desk/queue", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkupQueue},
		{Method: "POST", Path: "/desk/queue/call", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkupCall},
		{Method: "POST", Path: "/desk/queue/serve", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkupFinish(desk.VisitServing)},
		{Method: "POST", Path: "/desk/queue/resolve", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkupFinish(desk.VisitResolved)},
		{Method: "POST", Path: "/desk/queue/no-show", Access: Full, Permission: tenancy.WorkTickets, handle: s.walkupFinish(desk.VisitNoShow)},
		{Method: "GET", Path: "/desk/import", Access: Full, Permission: tenancy.ManageDesk, handle: s.deskImportForm},
		{Method: "POST", Path: "/desk/import", Access: Full, Permission: tenancy.ManageDesk, MaxBody: maxUpload, handle: s.deskImport},
		{Method: "GET", Path: "/desk/calls/import", Access: Full, Permission: tenancy.ManageDesk, handle: s.callsImportForm},
		{Method: "POST", Path: "/desk/calls/import", Access: Full, Permission: tenancy.ManageDesk, MaxBody: maxUpload, handle: s.callsImport},
		// The desk reads its own SLA report; the committee holds it to it.
		{Method: "GET", Path: "/reports/sla", Access: Full, Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: s.slaReport},
		{Method: "GET", Path: "/reports/satisfaction", Access: Full, Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: s.satisfactionReport},
		// Callers' own words: managers who read reports, each view audited.
		{Method: "GET", Path: "/reports/satisfaction/comments", Access: Full, Permission: tenancy.ViewReports, Confidential: true, handle: s.surveyComments},
		{Method: "GET", Path: "/reports/telephony", Access: Full, Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: s.telephonyReport},
		{Method: "GET", Path: "/reports/walkup", Access: Full, Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: s.walkupReport},

		{Method: "GET", Path: "/posture", Access: Full, Permission: tenancy.ViewPosture, handle: s.postureCompare},
		{Method: "GET", Path: "/posture/{slug}", Access: Full, Permission: tenancy.ViewPosture, handle: s.posturePage},
		{Method: "POST", Path: "/posture/{slug}/import", Access: Full, Permission: tenancy.ManagePosture, MaxBody: maxUpload, handle: s.postureImport},
		{Method: "POST", Path: "/posture/{slug}/evaluate", Access: Full, Permission: tenancy.ManagePosture, handle: s.postureEvaluate},
		{Method: "GET", Path: "/posture/{slug}/devices", Access: Full, Permission: tenancy.ViewPosture, handle: s.inventoryPage},
		{Method: "GET", Path: "/posture/{slug}/devices.csv", Access: Full, Permission: tenancy.ViewPosture, handle: s.inventoryCSV},
		{Method: "GET", Path: "/identity", Access: Full, Permission: tenancy.ViewPosture, handle: s.identityOverview},
		{Method: "GET", Path: "/identity/{slug}", Access: Full, Permission: tenancy.ViewPosture, handle: s.identityPage},
		{Method: "GET", Path: "/identity/{slug}/paths", Access: Full, Permission: tenancy.ViewPosture, handle: s.identityPaths},
		{Method: "GET", Path: "/identity/{slug}/principals/{id}", Access: Full, Permission: tenancy.ViewPosture, handle: s.identityPrincipal},
		{Method: "POST", Path: "/identity/{slug}/import", Access: Full, Permission: tenancy.ManagePosture, MaxBody: maxUpload, handle: s.identityImport},
		{Method: "POST", Path: "/identity/{slug}/tier-zero", Access: Full, Permission: tenancy.ManagePosture, handle: s.identityAddTierZero},
		{Method: "POST", Path: "/identity/{slug}/tier-zero/remove", Access: Full, Permission: tenancy.ManagePosture, handle: s.identityRemoveTierZero},
		{Method: "POST", Path: "/identity/{slug}/analyse", Access: Full, Permission: tenancy.ManagePosture, handle: s.identityAnalyse},
		{Method: "GET", Path: "/people/{slug}/accounts", Access: Full, Permission: tenancy.ViewPeople, handle: s.peopleAccounts},
		{Method: "GET", Path: "/findings", Access: Full, Permission: tenancy.ViewPosture, handle: s.findingList},
		{Method: "GET", Path: "/findings.csv", Access: Full, Permission: tenancy.ViewPosture, handle: s.findingCSV},
		{Method: "GET", Path: "/findings/{id}", Access: Full, Permission: tenancy.ViewPosture, handle: s.findingDetail},
		{Method: "POST", Path: "/findings/{id}/accept", Access: Full, Permission: tenancy.ManagePosture, handle: s.findingAccept},
		{Method: "POST", Path: "/findings/{id}/revoke", Access: Full, Permission: tenancy.ManagePosture, handle: s.findingRevoke},
		// Raising a ticket needs RaiseTickets too, which every role that sees posture holds.
		{Method: "POST", Path: "/findings/{id}/ticket", Access: Full, Permission: tenancy.ViewPosture, handle: s.findingTicket},

		// The WARP: every role that shares warnings reads it; publishing also
		// needs the org's membership of the community, which the service checks.
		{Method: "GET", Path: "/warp", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpAdvisories},
		{Method: "GET", Path: "/warp/export.json", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpExport},
		{Method: "GET", Path: "/warp/advisories/new", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpPublishForm},
		{Method: "POST", Path: "/warp/advisories", Access: Full, Permission: tenancy.ShareWarnings, MaxBody: maxAdvisoryForm, handle: s.warpPublish},
		{Method: "GET", Path: "/warp/advisories/{id}", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpAdvisory},
		{Method: "POST", Path: "/warp/advisories/{id}/acknowledge", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpAcknowledge},
		{Method: "POST", Path: "/warp/advisories/{id}/updates", Access: Full, Permission: tenancy.ShareWarnings, MaxBody: maxAdvisoryForm, handle: s.warpFollowUp},
		{Method: "GET", Path: "/warp/indicators", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpIndicators},
		{Method: "GET", Path: "/warp/sightings", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpSightings},
		{Method: "GET", Path: "/warp/match", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpMatchForm},
		{Method: "POST", Path: "/warp/match", Access: Full, Permission: tenancy.ShareWarnings, MaxBody: maxLogUpload, handle: s.warpMatch},
		{Method: "GET", Path: "/warp/import", Access: Full, Permission: tenancy.ShareWarnings, handle: s.warpImportForm},
		{Method: "POST", Path: "/warp/import", Access: Full, Permission: tenancy.ShareWarnings, MaxBody: maxFeedUpload, handle: s.warpImport},
		{Method: "GET", Path: "/warp/communities", Access: Full, Permission: tenancy.ShareWarnings, Also: tenancy.ManageOrgs, handle: s.warpCommunities},
		{Method: "POST", Path: "/warp/communities", Access: Full, Permission: tenancy.ManageOrgs, handle: s.warpCommunityCreate},
		{Method: "POST", Path: "/warp/communities/{slug}/members", Access: Full, Permission: tenancy.ManageOrgs, handle: s.warpMemberSet},
		{Method: "POST", Path: "/warp/communities/{slug}/members/remove", Access: Full, Permission: tenancy.ManageOrgs, handle: s.warpMemberRemove},

		// Settings: what the command line sets, through the same service
		// methods; the services check the org is in scope.
		{Method: "GET", Path: "/settings", Access: Full, Permission: tenancy.ManagePosture, Also: tenancy.ManageDesk, handle: s.settingsIndex},
		{Method: "GET", Path: "/settings/{slug}/sla", Access: Full, Permission: tenancy.ManageDesk, handle: s.slaSettings},
		{Method: "POST", Path: "/settings/{slug}/sla", Access: Full, Permission: tenancy.ManageDesk, handle: s.slaPolicySave},
		{Method: "GET", Path: "/settings/{slug}/sla/recompute", Access: Full, Permission: tenancy.ManageDesk, handle: s.recomputeForm},
		{Method: "POST", Path: "/settings/{slug}/sla/recompute", Access: Full, Permission: tenancy.ManageDesk, handle: s.recomputeApply},
		{Method: "GET", Path: "/settings/{slug}/calendar", Access: Full, Permission: tenancy.ManageDesk, handle: s.calendarSettings},
		{Method: "POST", Path: "/settings/{slug}/calendar", Access: Full, Permission: tenancy.ManageDesk, MaxBody: maxCalendarForm, handle: s.calendarSave},
		{Method: "POST", Path: "/settings/{slug}/calendar/govuk", Access: Full, Permission: tenancy.ManageDesk, MaxBody: maxCalendarForm, handle: s.calendarGovUK},
		{Method: "GET", Path: "/settings/{slug}/surveys", Access: Full, Permission: tenancy.ManageDesk, handle: s.surveySettings},
		{Method: "POST", Path: "/settings/{slug}/surveys", Access: Full, Permission: tenancy.ManageDesk, handle: s.surveySettingsSave},
		{Method: "GET", Path: "/settings/{slug}/phone", Access: Full, Permission: tenancy.ManageDesk, handle: s.phoneSettings},
		{Method: "POST", Path: "/settings/{slug}/phone", Access: Full, Permission: tenancy.ManageDesk, handle: s.phoneRotate},
		{Method: "GET", Path: "/settings/{slug}/walkup", Access: Full, Permission: tenancy.ManageDesk, handle: s.walkupSettings},
		{Method: "POST", Path: "/settings/{slug}/walkup", Access: Full, Permission: tenancy.ManageDesk, handle: s.walkupRotate},
		{Method: "GET", Path: "/settings/{slug}/major", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorSettings},
		{Method: "POST", Path: "/settings/{slug}/major", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorSettingsSave},
		{Method: "GET", Path: "/settings/{slug}/posture", Access: Full, Permission: tenancy.ManagePosture, handle: s.postureSettings},
		{Method: "POST", Path: "/settings/{slug}/posture/domains", Access: Full, Permission: tenancy.ManagePosture, handle: s.postureDomainsSave},
		{Method: "POST", Path: "/settings/{slug}/posture/controls", Access: Full, Permission: tenancy.ManagePosture, handle: s.postureControlSave},
		{Method: "GET", Path: "/settings/{slug}/people", Access: Full, Permission: tenancy.ManageUsers, handle: s.peopleSettings},
		{Method: "POST", Path: "/settings/{slug}/people", Access: Full, Permission: tenancy.ManageUsers, handle: s.personAdd},
		{Method: "POST", Path: "/settings/{slug}/people/edit", Access: Full, Permission: tenancy.ManageUsers, handle: s.personEdit},
		{Method: "POST", Path: "/settings/{slug}/people/leave", Access: Full, Permission: tenancy.ManageUsers, handle: s.personLeave},

		// Policy documents and who has accepted them (policies.go,
		// policy_publish.go); what binds the signed-in user (policy_mine.go).
		{Method: "GET", Path: "/policies", Access: Full, Permission: tenancy.ViewAwareness, Also: tenancy.ManagePolicy, handle: s.policyCouncilsPage},
		{Method: "GET", Path: "/policies/{slug}", Access: Full, Permission: tenancy.ViewAwareness, Also: tenancy.ManagePolicy, handle: s.policiesPage},
		{Method: "GET", Path: "/policies/{slug}/overdue", Access: Full, Permission: tenancy.ViewAwareness, Also: tenancy.ManagePolicy, handle: s.policyOverduePage},
		{Method: "GET", Path: "/policies/{slug}/{doc}", Access: Full, Permission: tenancy.ViewAwareness, Also: tenancy.ManagePolicy, handle: s.policyDocumentPage},
		{Method: "POST", Path: "/policies/{slug}/publish", Access: Full, Permission: tenancy.ManagePolicy, MaxBody: 2 << 20, handle: s.policyPublish},
		{Method: "POST", Path: "/policies/{slug}/paper", Access: Full, Permission: tenancy.ManagePolicy, MaxBody: policysvc.MaxEvidence + 1<<20, handle: s.policyPaper},
		{Method: "GET", Path: "/my/policies", Access: Full, handle: s.myPoliciesPage},
		{Method: "POST", Path: "/my/policies/{doc}", Access: Full, handle: s.myPolicyAccept},
		// A person's link to accept a policy document: the GET only shows it
		// (mail scanners fetch links), the POST accepts (policy_accept.go).
		{Method: "GET", Path: "/accept/{token}", Access: Public, handle: s.policyOffer},
		{Method: "POST", Path: "/accept/{token}", Access: Public, MaxBody: 4 << 10, handle: s.policyAccept},
		// A caller's survey links: no sign-in, the token in the path is the
		// credential; the comment form is a same-origin post like any other.
		{Method: "GET", Path: "/survey/{token}", Access: Public, handle: s.surveyAnswer},
		{Method: "POST", Path: "/survey/{token}", Access: Public, MaxBody: 16 << 10, handle: s.surveyComment},
		// A site's check-in tablet and queue screen: no session; the link's
		// unguessable token, kept hashed, opens one site's queue (walkup_kiosk.go).
		{Method: "GET", Path: "/walkup/checkin/{token}", Access: Public, handle: s.kioskCheckInForm},
		{Method: "POST", Path: "/walkup/checkin/{token}", Access: Public, handle: s.kioskCheckIn},
		{Method: "GET", Path: "/walkup/screen/{token}", Access: Public, handle: s.kioskScreen},
		// Major incidents and planned maintenance: read by whoever raises
		// tickets or reads the committee's reports; kept by the desk;
		// raised, decided, resolved and reviewed by its managers.
		{Method: "GET", Path: "/people", Access: Full, Permission: tenancy.ViewPeople, handle: s.peopleIndex},
		{Method: "GET", Path: "/people/{slug}", Access: Full, Permission: tenancy.ViewPeople, handle: s.peopleList},
		{Method: "POST", Path: "/people/{slug}", Access: Full, Permission: tenancy.ManagePeople, handle: s.personCreate},
		{Method: "GET", Path: "/people/{slug}/new", Access: Full, Permission: tenancy.ManagePeople, handle: s.personNewForm},
		{Method: "GET", Path: "/people/{slug}/import", Access: Full, Permission: tenancy.ManagePeople, handle: s.peopleImportForm},
		{Method: "POST", Path: "/people/{slug}/import", Access: Full, Permission: tenancy.ManagePeople, MaxBody: maxUpload, handle: s.peopleImport},
		{Method: "GET", Path: "/people/{slug}/{id}", Access: Full, Permission: tenancy.ViewPeople, handle: s.personPage},
		{Method: "GET", Path: "/people/{slug}/{id}/edit", Access: Full, Permission: tenancy.ManagePeople, handle: s.personEditForm},
		{Method: "POST", Path: "/people/{slug}/{id}", Access: Full, Permission: tenancy.ManagePeople, handle: s.personSave},
		// Phishing exercises imported from Gophish (phishing*.go): who did
		// what is confidential, so the campaign and person pages are audited.
		{Method: "GET", Path: "/phishing", Access: Full, Permission: tenancy.ViewAwareness, handle: s.phishingCouncils},
		{Method: "GET", Path: "/phishing/{slug}", Access: Full, Permission: tenancy.ViewAwareness, handle: s.phishingOrg},
		{Method: "GET", Path: "/phishing/{slug}/teams", Access: Full, Permission: tenancy.ViewAwareness, handle: s.phishingTeams},
		{Method: "GET", Path: "/phishing/{slug}/import", Access: Full, Permission: tenancy.ManageTraining, handle: s.phishingImportForm},
		{Method: "POST", Path: "/phishing/{slug}/import", Access: Full, Permission: tenancy.ManageTraining, MaxBody: maxUpload, handle: s.phishingImport},
		{Method: "GET", Path: "/phishing/{slug}/{id}", Access: Full, Permission: tenancy.ViewAwareness, handle: s.phishingCampaign},
		{Method: "GET", Path: "/phishing/{slug}/people/{id}", Access: Full, Permission: tenancy.ViewAwareness, handle: s.phishingPerson},
		{Method: "GET", Path: "/major", Access: Full, Permission: tenancy.RaiseTickets, Also: tenancy.ViewReports, handle: s.majorList},
		{Method: "POST", Path: "/major", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorRaise},
		{Method: "GET", Path: "/major/{id}", Access: Full, Permission: tenancy.RaiseTickets, Also: tenancy.ViewReports, handle: s.majorDetail},
		{Method: "POST", Path: "/major/{id}/decision", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorDecide},
		{Method: "POST", Path: "/major/{id}/updates", Access: Full, Permission: tenancy.WorkTickets, handle: s.majorUpdate},
		{Method: "POST", Path: "/major/{id}/children", Access: Full, Permission: tenancy.WorkTickets, handle: s.majorChild},
		{Method: "POST", Path: "/major/{id}/resolve", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorResolve},
		{Method: "POST", Path: "/major/{id}/review", Access: Full, Permission: tenancy.ManageDesk, handle: s.majorReview},
		{Method: "GET", Path: "/maintenance", Access: Full, Permission: tenancy.RaiseTickets, Also: tenancy.ViewReports, handle: s.maintenanceList},
		{Method: "POST", Path: "/maintenance", Access: Full, Permission: tenancy.ManageDesk, handle: s.maintenanceAdd},
		// Security awareness training: read by those who see awareness,
		// kept by those who manage training (training.go and beside it).
		{Method: "GET", Path: "/training", Access: Full, Permission: tenancy.ViewAwareness, handle: s.trainingCouncils},
		{Method: "GET", Path: "/training/{slug}", Access: Full, Permission: tenancy.ViewAwareness, handle: s.trainingOrg},
		{Method: "GET", Path: "/training/{slug}/people/{id}", Access: Full, Permission: tenancy.ViewAwareness, handle: s.trainingPerson},
		{Method: "GET", Path: "/training/{slug}/courses", Access: Full, Permission: tenancy.ViewAwareness, handle: s.trainingCourses},
		{Method: "POST", Path: "/training/{slug}/courses", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingCourseAdd},
		{Method: "GET", Path: "/training/{slug}/courses/{code}", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingCourse},
		{Method: "POST", Path: "/training/{slug}/courses/{code}", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingCourseSave},
		{Method: "GET", Path: "/training/{slug}/import", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingImportForm},
		{Method: "POST", Path: "/training/{slug}/import", Access: Full, Permission: tenancy.ManageTraining, MaxBody: maxUpload, handle: s.trainingImport},
		{Method: "GET", Path: "/training/{slug}/attend", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingAttendForm},
		{Method: "POST", Path: "/training/{slug}/attend", Access: Full, Permission: tenancy.ManageTraining, handle: s.trainingAttend},
		// A council's status page: its staff sign in to read it unless the
		// council made it public (the service decides, and shows a visitor
		// only the public view). Subscribing and the mailed links need no
		// sign-in; a link opens a page whose button does the change.
		{Method: "GET", Path: "/status/{slug}", Access: Public, handle: s.statusPage},
		{Method: "POST", Path: "/status/{slug}/subscribe", Access: Public, handle: s.statusSubscribe},
		{Method: "GET", Path: "/status/{slug}/verify", Access: Public, handle: s.statusLinkForm("verify", "Start receiving e-mail about this service?", "Confirm")},
		{Method: "POST", Path: "/status/{slug}/verify", Access: Public, handle: s.statusVerify},
		{Method: "GET", Path: "/status/{slug}/unsubscribe", Access: Public, handle: s.statusLinkForm("unsubscribe", "Stop receiving e-mail about this service?", "Unsubscribe")},
		{Method: "POST", Path: "/status/{slug}/unsubscribe", Access: Public, handle: s.statusUnsubscribe},

		// The phone system calls this, not a browser: no session, no form
		// token; the org's shared secret signs each call (see httpin.PhoneHook).
		{Method: "POST", Path: "/hooks/phone/{slug}", Access: Public, handle: func(w http.ResponseWriter, r *http.Request, _ *requestState) {
			phone(w, r)
		}},
	}
}
