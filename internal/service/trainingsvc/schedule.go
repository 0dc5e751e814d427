package trainingsvc

import (
	"context"
	"log/slog"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RunChecks brings every org's training-overdue findings up to date now
// and then at each interval until ctx ends: nobody imports anything on the
// day a year runs out, yet the person is overdue from then.
func (s *Service) RunChecks(ctx context.Context, every time.Duration, log *slog.Logger) {
	p := tenancy.System(tenancy.JobTrainingCheck, "system:training-check")
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if counts, err := s.CheckAll(ctx, p); err != nil {
			log.Error("training check", "err", err)
		} else {
			opened, resolved := 0, 0
			for _, c := range counts {
				opened, resolved = opened+c.Opened+c.Reopened, resolved+c.Resolved
			}
			if opened+resolved > 0 {
				log.Info("training check", "opened", opened, "resolved", resolved)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
