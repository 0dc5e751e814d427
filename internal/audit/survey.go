package audit

// Satisfaction survey actions.
const (
	SurveySettings = "survey.settings" // an org's survey settings changed
	SurveyAnswer   = "survey.answer"   // a caller scored a ticket (the score, never the comment, is in the entry)
	SurveyFollowUp = "survey.follow-up"
	SurveyDays     = "survey.rebuild-days" // an org's survey day counts counted again from its surveys
)
