package authsvc

// OnVerify lets a test see, or hold, each password check as it starts.
func OnVerify(s *Service, f func()) { s.onVerify = f }

// OnSlot lets a test see, in order, which address each password check slot
// is given to. f is called with the slots locked and must not block.
func OnSlot(s *Service, f func(address string)) { s.slots.onGrant = f }

// WaitingForSlot is how many attempts are queued for a password check.
func WaitingForSlot(s *Service) int { return s.slots.waitingCount() }
