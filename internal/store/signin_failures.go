package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SignInFailures is what is on record against one account name: refused
// attempts since its last sign-in, and when its lock-out ends (zero: none).
// A name is kept whether or not a user has it, so that refusing an unknown
// name writes what refusing a real one does.
type SignInFailures struct {
	Name        string
	Failures    int
	LockedUntil time.Time
}

// SignInFailuresFor reads the record for an account name; a name with none
// has zero failures and no lock.
func (s *Store) SignInFailuresFor(ctx context.Context, name string) (SignInFailures, error) {
	f := SignInFailures{Name: NormaliseEmail(name)}
	var locked sql.NullTime
	err := s.queryRow(ctx, `SELECT failures, locked_until FROM signin_failures WHERE name = ?`, f.Name).Scan(&f.Failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if locked.Valid {
		f.LockedUntil = locked.Time.UTC()
	}
	return f, classify(err)
}

// RecordSignInFailure counts one refused attempt on an account name and
// sets its lock to lock(the record after counting). It is the same two
// statements, changing the same row, for every name, known or not, locked or
// not. An attempt while the name is locked is counted among its attempts but
// not its failures, so guesses during a lock do not lengthen the next one;
// the count is atomic, so parallel guesses cannot share one.
func (s *Store) RecordSignInFailure(ctx context.Context, name string, lock func(SignInFailures) time.Time) (SignInFailures, error) {
	f := SignInFailures{Name: NormaliseEmail(name)}
	now := s.Now()
	err := s.InTx(ctx, func(ctx context.Context) error {
		var locked sql.NullTime
		err := s.queryRow(ctx, `INSERT INTO signin_failures (name, failures, attempts, updated_at) VALUES (?, 1, 1, ?)
			ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at, attempts = signin_failures.attempts + 1,
				failures = signin_failures.failures + CASE WHEN signin_failures.locked_until > ? THEN 0 ELSE 1 END
			RETURNING failures, locked_until`, f.Name, now, now).Scan(&f.Failures, &locked)
		if err != nil {
			return classify(err)
		}
		if locked.Valid {
			f.LockedUntil = locked.Time.UTC()
		}
		f.LockedUntil = lock(f)
		var until any
		if !f.LockedUntil.IsZero() {
			until = f.LockedUntil.UTC()
		}
		_, err = s.exec(ctx, `UPDATE signin_failures SET locked_until = ? WHERE name = ?`, until, f.Name)
		return classify(err)
	})
	return f, err
}

// ClearSignInFailures forgets the failures and lock on an account name,
// once its owner has signed in.
func (s *Store) ClearSignInFailures(ctx context.Context, name string) error {
	_, err := s.exec(ctx, `DELETE FROM signin_failures WHERE name = ?`, NormaliseEmail(name))
	return classify(err)
}

// PruneSignInFailures deletes the records of names with no refused attempt
// since before and no lock still running, so guessing many names does not
// grow the table without end. It returns how many went.
func (s *Store) PruneSignInFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM signin_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)`,
		before.UTC(), s.Now().UTC())
	if err != nil {
		return 0, classify(err)
	}
	return res.RowsAffected()
}
