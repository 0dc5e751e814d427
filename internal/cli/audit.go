package cli

import (
	"errors"
	"fmt"
)

// errChainBroken makes `ward audit verify` exit 1 after it has said where.
var errChainBroken = errors.New("audit log verification failed")

func runAudit(e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usagef("usage: ward audit verify")
	}
	c := e.command("audit verify [--database DB]")
	return c.run(args[1:], func() error {
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
