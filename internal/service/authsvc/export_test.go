package authsvc

// OnVerify lets a test see, or hold, each password check as it starts.
func OnVerify(s *Service, f func()) { s.onVerify = f }
