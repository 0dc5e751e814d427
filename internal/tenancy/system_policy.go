package tenancy

// JobPolicyLink finds the acceptance link a person was mailed, by its
// token's hash, before anything is known of who followed it: the link found
// then narrows the work to its own org.
const JobPolicyLink SystemJob = "policy-link"

// JobPolicyRemind sends the reminders and escalations of every org's
// policy documents, from ward serve's periodic job.
const JobPolicyRemind SystemJob = "policy-remind"
