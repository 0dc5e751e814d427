package audit

// Security awareness training actions.
const (
	TrainingCourseAdd  = "training.course-add"
	TrainingCourseEdit = "training.course-edit" // changed or retired
	TrainingImport     = "training.import"      // an e-learning completion history imported (the file and counts)
	TrainingAttend     = "training.attend"      // attendance at a briefing recorded by hand
	TrainingEnrol      = "training.enrol"       // a person enrolled on a course by hand
)
