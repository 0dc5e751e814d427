package cli

import (
	"errors"
	"fmt"
)

// errChainBroken makes `ward audit verify` exit 1 after it has said where.
var errChainBroken = errors.New("audit log verification failed")

func runAudit(e *env, args []string) error {
	return subcommand(e, "audit", args, []verb{
		{"verify", "check every entry of the audit log's hash chain", auditVerify},
		{"list", "list or export the audit log, filtered by person, org, action, days and text", auditList},
	})
}

func auditVerify(e *env, args []string) error {
	c := e.command("audit verify [--database DB]")
	return c.run(args, func() error {
		n, brk, err := c.svc.Accounts.VerifyAudit(e.ctx, c.op)
		if err != nil {
			return err
		}
		if brk != nil {
			fmt.Fprintf(e.stdout, "BROKEN: %v\n(%d entries before it verified)\n", brk, n)
			return errChainBroken
		}
		fmt.Fprintf(e.stdout, "audit log intact: %d entries verified\n", n)
		return nil
	})
}
