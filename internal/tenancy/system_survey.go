package tenancy

// JobSurveyLink finds the survey a caller's one-click link names, by its
// token's hash, before anything is known of who clicked: the survey found
// then narrows the work to its own org.
const JobSurveyLink SystemJob = "survey-link"
