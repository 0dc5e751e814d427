package store

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RefPrefixHeld says whether the prefix is, or was, another org's than
// orgID (0: any org's): an org's current prefix, or one it gave up, which
// stays its own so that old references keep naming its tickets. Prefixes
// are ward-wide, like slugs, so this reads no org's data.
func (s *Store) RefPrefixHeld(ctx context.Context, prefix string, orgID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM orgs WHERE ref_prefix = ? AND id <> ?)
		+ (SELECT COUNT(*) FROM org_ref_prefixes_retired WHERE prefix = ? AND org_id <> ?)`, prefix, orgID, prefix, orgID).Scan(&n)
	return n > 0, classify(err)
}

// ChangeRefPrefix gives an org in scope a new prefix and renames its
// tickets' references to match (ASH-INC-10003 becomes ASHC-INC-10003),
// keeping the old prefix among the org's retired ones; going back to a
// retired prefix takes it out of them. It answers the old prefix and how
// many tickets were renamed. The caller checks the prefix is free (see
// RefPrefixHeld) and runs it in a transaction.
func (s *Store) ChangeRefPrefix(ctx context.Context, scope tenancy.Scope, orgID int64, prefix string) (old string, renamed int64, err error) {
	if err := orgInScope(scope, orgID); err != nil {
		return "", 0, err
	}
	if err := s.queryRow(ctx, `SELECT ref_prefix FROM orgs WHERE id = ?`, orgID).Scan(&old); err != nil {
		return "", 0, classify(err)
	}
	if old == prefix {
		return old, 0, nil
	}
	if _, err := s.exec(ctx, `DELETE FROM org_ref_prefixes_retired WHERE prefix = ? AND org_id = ?`, prefix, orgID); err != nil {
		return old, 0, classify(err)
	}
	if _, err := s.exec(ctx, `INSERT INTO org_ref_prefixes_retired (prefix, org_id, retired_at) VALUES (?, ?, ?)`, old, orgID, s.Now()); err != nil {
		return old, 0, classify(err)
	}
	if _, err := s.exec(ctx, `UPDATE orgs SET ref_prefix = ? WHERE id = ?`, prefix, orgID); err != nil {
		return old, 0, classify(err)
	}
	// Every reference of the org starts with its prefix and a hyphen (the
	// store puts it there); the rest of the reference is kept as it is.
	res, err := s.exec(ctx, `UPDATE tickets SET ref = CAST(? AS TEXT) || SUBSTR(ref, ?) WHERE org_id = ? AND SUBSTR(ref, 1, ?) = ?`,
		prefix+"-", len(old)+2, orgID, len(old)+1, old+"-")
	if err != nil {
		return old, 0, classify(err)
	}
	renamed, _ = res.RowsAffected()
	return old, renamed, nil
}

// RenamedRef is the reference a ticket goes by now when ref starts with a
// prefix an org in scope has given up: ASH-INC-10003 is ASHC-INC-10003 once
// Ashcombe's prefix is ASHC. A prefix never retired, or retired by an org
// outside the scope, is ErrNotFound; whether the ticket exists is for the
// caller's own scoped read to say.
func (s *Store) RenamedRef(ctx context.Context, scope tenancy.Scope, ref string) (string, error) {
	cond, args, err := scopeFilter(scope, "r.org_id")
	if err != nil {
		return "", err
	}
	ref = strings.ToUpper(strings.TrimSpace(ref))
	prefix, rest, ok := strings.Cut(ref, "-")
	if !ok || tenancy.CheckRefPrefix(prefix) != nil {
		return "", ErrNotFound
	}
	var now string
	err = s.queryRow(ctx, `SELECT o.ref_prefix FROM org_ref_prefixes_retired r JOIN orgs o ON o.id = r.org_id WHERE r.prefix = ? AND `+cond,
		append([]any{prefix}, args...)...).Scan(&now)
	if err != nil {
		return "", classify(err)
	}
	return now + "-" + rest, nil
}
