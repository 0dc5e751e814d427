// Package audit defines ward's append-only, hash-chained audit log: what an
// entry holds, how its hash is made, and how a chain is checked. Writing and
// reading entries is the store's job; this package holds no SQL.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Genesis is the "previous hash" of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Action names what happened. They are stable strings: reports and alerts
// filter on them.
const (
	SignIn           = "signin"
	SignInFailed     = "signin.failed"
	SignInLocked     = "signin.locked"
	SignOut          = "signout"
	TwoFactorEnrol   = "2fa.enrol"
	TwoFactorFailed  = "2fa.failed"
	TwoFactorReset   = "2fa.reset"
	RecoveryUsed     = "2fa.recovery-used"
	OrgCreate        = "org.create"
	OrgRefPrefix     = "org.ref-prefix"
	SiteCreate       = "site.create"
	TeamCreate       = "team.create"
	UserCreate       = "user.create"
	UserDisable      = "user.disable"
	UserEnable       = "user.enable"
	UserPassword     = "user.password"
	UserGrant        = "user.grant"
	UserUngrant      = "user.ungrant"
	TokenCreate      = "token.create"
	TokenRevoke      = "token.revoke"
	OrgSwitch        = "org.switch"
	View             = "view"   // a view of a confidential page
	Export           = "export" // data leaving ward
	DemoCreate       = "demo.create"
	CalendarChange   = "calendar.change"
	PolicyChange     = "sla-policy.change"
	TicketImport     = "ticket.import"
	SLARecompute     = "sla.recompute"
	PostureImport    = "posture.import"
	PostureEvaluate  = "posture.evaluate"
	PostureSettings  = "posture.settings"
	FindingAccept    = "finding.accept"
	FindingRevoke    = "finding.revoke"
	FindingTicket    = "finding.ticket"
	IdentityImport   = "identity.import"
	IdentityTierZero = "identity.tier-zero"
	WarpCommunity    = "warp.community"
	WarpPublish      = "warp.publish"
	WarpUpdate       = "warp.update"
	WarpImport       = "warp.import"
	WarpMatch        = "warp.match"
)

// Ticket attachments and the e-mail callers get.
const (
	TicketAttach       = "ticket.attach" // a file added to a ticket; its download is a View
	MailTemplateChange = "mail-template.change"
)

// Entry is one audit record. Seq numbers entries from 1 with no gaps.
type Entry struct {
	Seq      int64             `json:"seq"`
	At       time.Time         `json:"at"`
	Actor    string            `json:"actor"` // "user:alice@example.org", "token:ward_abc", "cli:root", "anonymous"
	OrgID    int64             `json:"org_id,omitempty"`
	Action   string            `json:"action"`
	Target   string            `json:"target"`
	Detail   map[string]string `json:"detail,omitempty"`
	IP       string            `json:"ip,omitempty"`
	PrevHash string            `json:"prev_hash"`
	Hash     string            `json:"hash"`
}

// DetailJSON is the canonical encoding of Detail as stored (sorted keys).
func (e Entry) DetailJSON() string {
	if len(e.Detail) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(e.Detail) // maps marshal with sorted keys
	return string(b)
}

// ParseDetail reads a stored detail column back.
func ParseDetail(s string) (map[string]string, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var m map[string]string
	err := json.Unmarshal([]byte(s), &m)
	return m, err
}

// ComputeHash is the entry's hash: SHA-256 over the previous hash and every
// field, each length-prefixed so that no two different entries can encode the
// same bytes. Times are hashed at microsecond precision in UTC, as stored.
func ComputeHash(e Entry) string {
	fields := []string{
		e.PrevHash,
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"),
		e.Actor,
		strconv.FormatInt(e.OrgID, 10),
		e.Action,
		e.Target,
		e.DetailJSON(),
		e.IP,
	}
	h := sha256.New()
	for _, f := range fields {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal fills in Seq, PrevHash and Hash for an entry that follows head.
func Seal(e Entry, headSeq int64, headHash string) Entry {
	if headSeq == 0 {
		headHash = Genesis
	}
	e.Seq = headSeq + 1
	e.PrevHash = headHash
	e.Hash = ComputeHash(e)
	return e
}

// Break describes the first place a chain fails to hold.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string {
	return "audit chain broken at entry " + strconv.FormatInt(b.Seq, 10) + ": " + b.Reason
}

// Verifier checks a chain entry by entry, so a long log is checked while it
// streams from the database rather than loaded whole.
type Verifier struct {
	seq  int64
	hash string
	n    int64
}

// Next checks one entry, which must follow the previous one given.
func (v *Verifier) Next(e Entry) *Break {
	wantPrev := v.hash
	if v.seq == 0 {
		wantPrev = Genesis
	}
	switch {
	case e.Seq != v.seq+1:
		return &Break{Seq: v.seq + 1, Reason: "entry " + strconv.FormatInt(v.seq+1, 10) + " is missing (next entry found is " + strconv.FormatInt(e.Seq, 10) + ")"}
	case e.PrevHash != wantPrev:
		return &Break{Seq: e.Seq, Reason: "its previous-hash does not match the entry before it"}
	case ComputeHash(e) != e.Hash:
		return &Break{Seq: e.Seq, Reason: "its contents do not match its hash (the entry was altered)"}
	}
	v.seq, v.hash = e.Seq, e.Hash
	v.n++
	return nil
}

// Finish checks the chain ends where the recorded head says it does, which
// catches entries cut off the end.
func (v *Verifier) Finish(headSeq int64, headHash string) *Break {
	if headSeq != v.seq {
		return &Break{Seq: v.seq + 1, Reason: "the log ends at entry " + strconv.FormatInt(v.seq, 10) + " but the recorded head is entry " + strconv.FormatInt(headSeq, 10) + " (entries were removed from the end)"}
	}
	if headSeq > 0 && headHash != v.hash {
		return &Break{Seq: headSeq, Reason: "the last entry's hash does not match the recorded head"}
	}
	return nil
}

// Count is how many entries have been checked.
func (v *Verifier) Count() int64 { return v.n }

// Actor helpers keep the actor strings uniform across the web, API and CLI.
func UserActor(email string) string   { return "user:" + strings.ToLower(email) }
func TokenActor(prefix string) string { return "token:" + prefix }
func CLIActor(osUser string) string   { return "cli:" + osUser }
