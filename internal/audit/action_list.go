package audit

// ActionLabel is one kind of entry as a filter offers it: the stable code
// and what it means in words.
type ActionLabel struct{ Code, Label string }

// Actions lists every action ward writes, in the order a filter offers
// them. A test checks that every Action constant is listed.
var Actions = []ActionLabel{
	{SignIn, "Signed in"}, {SignInFailed, "Sign-in failed"}, {SignInLocked, "Sign-in locked out"}, {SignOut, "Signed out"},
	{TwoFactorEnrol, "Set up two-factor"}, {TwoFactorFailed, "Two-factor code wrong"}, {TwoFactorReset, "Two-factor reset"},
	{RecoveryUsed, "Recovery code used"},
	{View, "Viewed a confidential page"}, {Export, "Exported data"},
	{OrgCreate, "Organisation added"}, {OrgRefPrefix, "Reference prefix changed"}, {OrgSwitch, "Switched organisation"}, {SiteCreate, "Site added"}, {TeamCreate, "Team added"},
	{UserCreate, "User added"}, {UserDisable, "User disabled"}, {UserEnable, "User enabled"},
	{UserPassword, "Password changed"}, {UserGrant, "Role granted"}, {UserUngrant, "Role removed"},
	{TokenCreate, "API token made"}, {TokenRevoke, "API token revoked"},
	{PersonAdd, "Person added"}, {PersonEdit, "Person changed"}, {PersonLeave, "Person left"}, {PeopleImport, "People imported from HR"}, {PhoneSecret, "Phone secret rotated"},
	{CalendarChange, "Calendar changed"}, {PolicyChange, "SLA policy changed"}, {SLARecompute, "SLA recomputed"},
	{TicketImport, "Tickets imported"}, {TicketAttach, "File attached to a ticket"}, {MailTemplateChange, "Mail template changed"},
	{CallImport, "Call log imported"}, {CallLink, "Call linked to a ticket"},
	{PostureImport, "Posture imported"}, {PostureEvaluate, "Posture evaluated"}, {PostureSettings, "Control settings changed"},
	{FindingAccept, "Risk accepted"}, {FindingRevoke, "Acceptance revoked"}, {FindingTicket, "Ticket raised from a finding"},
	{IdentityImport, "Directory imported"}, {IdentityTierZero, "Tier Zero changed"},
	{WarpCommunity, "WARP community changed"}, {WarpPublish, "Advisory published"}, {WarpUpdate, "Advisory updated"},
	{WarpImport, "Advisories imported"}, {WarpMatch, "Log matched"}, {Search, "Searched"},
	{WalkupKiosk, "Walk-up kiosk link made"}, {WalkupCheckIn, "Walk-up visitor checked in"}, {WalkupCall, "Walk-up visitor called"}, {WalkupServe, "Walk-up visitor served"}, {WalkupFinish, "Walk-up visit finished"}, {WalkupImport, "Walk-up visits recorded"},
	{MajorRaise, "Major incident raised"}, {MajorDecide, "Major incident candidate decided"}, {MajorUpdate, "Major incident updated"}, {MajorResolve, "Major incident resolved"}, {MajorReview, "Major incident reviewed"}, {MajorSettings, "Major incident settings changed"}, {MaintenanceAdd, "Maintenance planned"}, {StatusSubscribe, "Status page subscription"}, {StatusUnsubscribe, "Status page unsubscribed"},
	{PhishingImport, "Phishing results imported"},
	{SurveySettings, "Survey settings changed"}, {SurveyAnswer, "Survey answered"}, {SurveyFollowUp, "Survey follow-up raised"}, {SurveyDays, "Survey day counts rebuilt"},
	{PolicyPublish, "Policy version published"}, {PolicyPaper, "Paper policy acceptance recorded"}, {PolicyView, "Policy acceptance viewed"}, {PolicyRemind, "Policy reminders sent"},
	{TrainingCourseAdd, "Training course added"}, {TrainingCourseEdit, "Training course changed"}, {TrainingImport, "Training completions imported"}, {TrainingAttend, "Briefing attendance recorded"}, {TrainingEnrol, "Person enrolled on a course"},
	{CAFImport, "CAF framework imported"},
	{DemoCreate, "Demo data made"},
}

// KnownAction says whether code is one of Actions.
func KnownAction(code string) bool {
	for _, a := range Actions {
		if a.Code == code {
			return true
		}
	}
	return false
}
