package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// User is someone who signs in to ward. The secret fields never leave the
// server: they carry json:"-" so no listing or API answer can leak them.
type User struct {
	ID           int64        `json:"id"`
	OrgID        int64        `json:"org_id"`
	Email        string       `json:"email"`
	Name         string       `json:"name"`
	Role         tenancy.Role `json:"role"`
	Disabled     bool         `json:"disabled"`
	TOTPEnabled  bool         `json:"totp_enabled"`
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
	PasswordHash string       `json:"-"`
	TOTPSecret   string       `json:"-"`
	TOTPLastStep int64        `json:"-"`
	OIDCSubject  string       `json:"-"`
}

// NewUser is what CreateUser needs. PasswordHash may be empty for a user who
// signs in only through single sign-on.
type NewUser struct {
	OrgID        int64
	Email, Name  string
	Role         tenancy.Role
	PasswordHash string
	TOTPSecret   string
	TOTPEnabled  bool
}

// NormaliseEmail is the form emails are stored and looked up in.
func NormaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser adds a user; the email must be unused.
func (s *Store) CreateUser(ctx context.Context, scope tenancy.Scope, n NewUser) (User, error) {
	if err := orgInScope(scope, n.OrgID); err != nil {
		return User{}, err
	}
	if err := checkText("email", n.Email); err != nil { // before lower-casing turns bad bytes into U+FFFD
		return User{}, err
	}
	now := s.Now()
	u := User{OrgID: n.OrgID, Email: NormaliseEmail(n.Email), Name: n.Name, Role: n.Role,
		PasswordHash: n.PasswordHash, TOTPSecret: n.TOTPSecret, TOTPEnabled: n.TOTPEnabled, CreatedAt: now, UpdatedAt: now}
	id, err := s.insertID(ctx, `INSERT INTO users (org_id, email, name, role, password_hash, totp_secret, totp_enabled, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.OrgID, u.Email, u.Name, string(u.Role), u.PasswordHash, u.TOTPSecret, u.TOTPEnabled, now, now)
	u.ID = id
	return u, classify(err)
}

const userColumns = `id, org_id, email, name, role, disabled, totp_enabled, created_at, updated_at,
	password_hash, totp_secret, totp_last_step, oidc_subject`

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	var role string
	var subject sql.NullString
	err := sc.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &role, &u.Disabled, &u.TOTPEnabled, &u.CreatedAt, &u.UpdatedAt,
		&u.PasswordHash, &u.TOTPSecret, &u.TOTPLastStep, &subject)
	u.Role = tenancy.Role(role)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	u.OIDCSubject = subject.String
	return u, err
}

// UserForSignIn finds a user by email for the sign-in check, before any scope
// exists. It is the only unscoped read of users and returns nothing beyond
// the one account asked for.
func (s *Store) UserForSignIn(ctx context.Context, email string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, NormaliseEmail(email)))
	return u, classify(err)
}

// UserForSession loads the user behind a session or token being checked.
func (s *Store) UserForSession(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, classify(err)
}

// UserByOIDCSubject finds the user linked to a single sign-on identity.
func (s *Store) UserByOIDCSubject(ctx context.Context, subject string) (User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE oidc_subject = ?`, subject))
	return u, classify(err)
}

// Users lists the users of the orgs in scope, by org then name.
func (s *Store) Users(ctx context.Context, scope tenancy.Scope) ([]User, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond+` ORDER BY org_id, name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// User finds a user in scope by id.
func (s *Store) User(ctx context.Context, scope tenancy.Scope, id int64) (User, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return User{}, err
	}
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return u, classify(err)
}

// UserByEmail finds a user in scope by email.
func (s *Store) UserByEmail(ctx context.Context, scope tenancy.Scope, email string) (User, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return User{}, err
	}
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ? AND `+cond, append([]any{NormaliseEmail(email)}, args...)...))
	return u, classify(err)
}

func (s *Store) updateUser(ctx context.Context, id int64, set string, args ...any) error {
	res, err := s.exec(ctx, `UPDATE users SET `+set+`, updated_at = ? WHERE id = ?`, append(args, s.Now(), id)...)
	if err != nil {
		return classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetUserDisabled disables or re-enables a user; disabling also ends their
// sessions so the change takes effect at once.
func (s *Store) SetUserDisabled(ctx context.Context, scope tenancy.Scope, id int64, disabled bool) error {
	if _, err := s.User(ctx, scope, id); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.updateUser(ctx, id, `disabled = ?`, disabled); err != nil {
			return err
		}
		if disabled {
			return s.DeleteUserSessions(ctx, id)
		}
		return nil
	})
}

// SetPasswordHash replaces a user's password and clears any lock-out on
// their name (see signin_failures.go).
func (s *Store) SetPasswordHash(ctx context.Context, id int64, hash string) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.updateUser(ctx, id, `password_hash = ?`, hash); err != nil {
			return err
		}
		_, err := s.exec(ctx, `DELETE FROM signin_failures WHERE name = (SELECT email FROM users WHERE id = ?)`, id)
		return classify(err)
	})
}

// SetTOTP stores a TOTP secret; enabled says whether enrolment is complete.
func (s *Store) SetTOTP(ctx context.Context, id int64, secret string, enabled bool) error {
	return s.updateUser(ctx, id, `totp_secret = ?, totp_enabled = ?, totp_last_step = 0`, secret, enabled)
}

// UseTOTPStep records the time step of an accepted code, and refuses (false)
// a step not newer than the last one used, so a code cannot be replayed even
// by two requests racing.
func (s *Store) UseTOTPStep(ctx context.Context, id int64, step int64) (bool, error) {
	res, err := s.exec(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, id, step)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ResetTOTP removes a user's second factor, recovery codes and sessions, so
// they must enrol again at their next sign-in.
func (s *Store) ResetTOTP(ctx context.Context, scope tenancy.Scope, id int64) error {
	if _, err := s.User(ctx, scope, id); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		res, err := s.exec(ctx, `UPDATE users SET totp_secret = '', totp_enabled = ?, totp_last_step = 0, updated_at = ? WHERE id = ?`, false, s.Now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := s.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, id); err != nil {
			return err
		}
		_, err = s.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// SetOIDCSubject links a user to their single sign-on identity.
func (s *Store) SetOIDCSubject(ctx context.Context, id int64, subject string) error {
	return s.updateUser(ctx, id, `oidc_subject = ?`, subject)
}

// ReplaceRecoveryCodes stores a fresh set of recovery code hashes, voiding
// the old set.
func (s *Store) ReplaceRecoveryCodes(ctx context.Context, userID int64, hashes []string) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
			return err
		}
		for _, h := range hashes {
			if _, err := s.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, h); err != nil {
				return err
			}
		}
		return nil
	})
}

// UseRecoveryCode spends one unused recovery code; false if there was none
// matching.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash string) (bool, error) {
	res, err := s.exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`, s.Now(), userID, hash)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&n)
	return n, err
}
