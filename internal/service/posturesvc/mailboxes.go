package posturesvc

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// detectBytes is how much of an export its format is told from, as the
// upload pages and the API do: the header or first objects are enough.
const detectBytes = 32 << 10

// Upload is one file of an import.
type Upload struct {
	Format inventory.Format // empty to detect
	Name   string
	Reader io.Reader
}

// ImportMailboxes imports one mailbox export; see ImportMailboxFiles.
func (s *Service) ImportMailboxes(ctx context.Context, p tenancy.Principal, orgID int64, format inventory.Format, file string, r io.Reader) (ImportResult, error) {
	return s.ImportMailboxFiles(ctx, p, orgID, Upload{Format: format, Name: file, Reader: r})
}

// ImportMailboxFiles reads Exchange Online and Graph exports into an org's
// mailboxes and evaluates the org, in one transaction. Files given together
// are joined first, so inbox rules that name their mailbox by Exchange's
// name rather than its address find it in the Get-Mailbox file beside them.
// What an import replaces follows from what its exports list:
//   - Get-Mailbox lists mailboxes with their forwarding: each listed
//     mailbox's forwarding is replaced and its inbox rules kept;
//   - Get-InboxRule lists every rule of every mailbox: the org's rules are
//     replaced whole, so a rule deleted in Exchange goes from ward too;
//   - Graph messageRules name their mailboxes: those mailboxes' rules are replaced.
func (s *Service) ImportMailboxFiles(ctx context.Context, p tenancy.Principal, orgID int64, files ...Upload) (ImportResult, error) {
	var res ImportResult
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return res, err
	}
	set := inventory.NewMailboxSet()
	formats := map[inventory.Format]bool{}
	var names []string
	for _, f := range files {
		// The export is streamed to the reader, which holds it to
		// bounded's caps on size, lines and records (gzip and zip too),
		// rather than read whole first.
		br := bufio.NewReaderSize(f.Reader, detectBytes)
		format := f.Format
		if format == "" {
			head, err := br.Peek(detectBytes)
			if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
				return res, err
			}
			if format, err = inventory.DetectFormat(f.Name, head); err != nil {
				return res, err
			}
		}
		if format.Devices() {
			return res, invalid("format", "%s is a %s export, which holds devices, not mailboxes", f.Name, format)
		}
		if err := set.Read(format, f.Name, br); err != nil {
			return res, err
		}
		formats[format] = true
		names = append(names, f.Name)
		res.Format = format
	}
	res.File = strings.Join(names, ", ")
	read, err := set.Mailboxes()
	if err != nil {
		return res, err
	}
	res.Read = len(read)
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.OrgMailboxes(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		byAddress := make(map[string]*store.StoredMailbox, len(held))
		for i := range held {
			byAddress[held[i].Mailbox.Address] = &held[i]
		}
		changed := map[*store.StoredMailbox]bool{}
		var order []*store.StoredMailbox
		touch := func(m *store.StoredMailbox) {
			if !changed[m] {
				changed[m] = true
				order = append(order, m)
			}
		}
		if formats[inventory.GetInboxRule] {
			for i := range held {
				if len(held[i].Mailbox.Rules) > 0 {
					held[i].Mailbox.Rules = nil
					touch(&held[i])
				}
			}
		}
		for _, in := range read {
			m := byAddress[in.Address]
			if m == nil {
				m = &store.StoredMailbox{Mailbox: posture.Mailbox{Address: in.Address}}
				byAddress[in.Address] = m
				res.Created++
			} else {
				res.Merged++
			}
			touch(m)
			if in.DisplayName != "" {
				m.Mailbox.DisplayName = in.DisplayName
			}
			if formats[inventory.GetMailbox] {
				m.Mailbox.ForwardingSMTPAddress = in.ForwardingSMTPAddress
				m.Mailbox.ForwardingAddress = in.ForwardingAddress
				m.Mailbox.DeliverToMailboxAndForward = in.DeliverToMailboxAndForward
			}
			if formats[inventory.GetInboxRule] || formats[inventory.GraphRules] {
				m.Mailbox.Rules = in.Rules
			}
		}
		if err := s.Store.SaveMailboxes(ctx, p.Scope, orgID, order); err != nil {
			return err
		}
		if res.Evaluation, err = s.evaluate(ctx, p, orgID, nil); err != nil {
			return err
		}
		detail := countsDetail(res.Evaluation)
		detail["format"], detail["read"], detail["created"] = string(res.Format), strconv.Itoa(res.Read), strconv.Itoa(res.Created)
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PostureImport, Target: res.File,
			Detail: detail, IP: p.IP})
		return err
	})
	return res, err
}
