package audit

// Actions of the walk-up queues at an org's sites: a kiosk link made, a
// visitor checked in at a tablet, called, served and finished, and past
// visits recorded in bulk. A visitor's name is never written to the log.
const (
	WalkupKiosk   = "walkup.kiosk"
	WalkupCheckIn = "walkup.check-in"
	WalkupCall    = "walkup.call"
	WalkupServe   = "walkup.serve"
	WalkupFinish  = "walkup.finish"
	WalkupImport  = "walkup.import"
)
