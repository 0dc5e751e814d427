package store

import (
	"context"
	"database/sql"
	"time"
)

// Mail is one e-mail in the outbox.
type Mail struct {
	ID        int64
	To        string
	Subject   string
	Body      string
	Reason    string
	CreatedAt time.Time
	Attempts  int
	SentAt    *time.Time
	LastError string
	// NotBefore holds the mail back until then (a survey's delay); zero
	// sends it as soon as the sender next runs.
	NotBefore time.Time
}

// EnqueueMail adds mail to the outbox; run it in the transaction of the
// change the mail tells of.
func (s *Store) EnqueueMail(ctx context.Context, mails []Mail) error {
	now := s.Now()
	rows := make([][]any, len(mails))
	for i, m := range mails {
		rows[i] = []any{m.To, m.Subject, m.Body, m.Reason, now, due(m, now)}
	}
	return s.insertRows(ctx, `INSERT INTO mail_outbox (to_address, subject, body, reason, created_at, next_attempt_at)`, "", rows)
}

// ClaimMail takes up to limit unsent mails that are due, putting their next
// attempt off by lease so another sender does not send them too.
func (s *Store) ClaimMail(ctx context.Context, limit int, lease time.Duration) ([]Mail, error) {
	now := s.Now()
	ids, err := s.queryIDs(ctx, `SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`, now, limit)
	if err != nil {
		return nil, err
	}
	var out []Mail
	for _, id := range ids {
		res, err := s.exec(ctx, `UPDATE mail_outbox SET next_attempt_at = ?, attempts = attempts + 1
			WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?`, now.Add(lease), id, now)
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // another sender took it
		}
		var m Mail
		if err := s.queryRow(ctx, `SELECT id, to_address, subject, body, reason, created_at, attempts FROM mail_outbox WHERE id = ?`, id).
			Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Reason, &m.CreatedAt, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// MailSent records a mail as delivered to the mail server.
func (s *Store) MailSent(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE mail_outbox SET sent_at = ?, last_error = '' WHERE id = ?`, s.Now(), id)
	return err
}

// MailSentForgettingBody records a mail as delivered and blanks its body,
// for a mail whose body held a live secret (a survey's one-click links):
// once it has gone, a copy of the database no longer opens the link.
func (s *Store) MailSentForgettingBody(ctx context.Context, id int64) error {
	_, err := s.exec(ctx, `UPDATE mail_outbox SET sent_at = ?, last_error = '', body = '' WHERE id = ?`, s.Now(), id)
	return err
}

// MailFailed records why a mail did not go and when to try again.
func (s *Store) MailFailed(ctx context.Context, id int64, why string, retry time.Duration) error {
	_, err := s.exec(ctx, `UPDATE mail_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?`, why, s.Now().Add(retry), id)
	return err
}

// Outbox lists mail, newest first, for operators and tests.
func (s *Store) Outbox(ctx context.Context, limit int) ([]Mail, error) {
	rows, err := s.query(ctx, `SELECT id, to_address, subject, body, reason, created_at, attempts, sent_at, last_error
		FROM mail_outbox ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var sent sql.NullTime
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Reason, &m.CreatedAt, &m.Attempts, &sent, &m.LastError); err != nil {
			return nil, err
		}
		if sent.Valid {
			t := sent.Time.UTC()
			m.SentAt = &t
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func due(m Mail, now time.Time) time.Time {
	if m.NotBefore.After(now) {
		return m.NotBefore.UTC()
	}
	return now
}

// EnqueueMailID adds one mail to the outbox and returns its id, for a
// change that may yet call the mail back (CancelMail).
func (s *Store) EnqueueMailID(ctx context.Context, m Mail) (int64, error) {
	now := s.Now()
	return s.insertID(ctx, `INSERT INTO mail_outbox (to_address, subject, body, reason, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?)`, m.To, m.Subject, m.Body, m.Reason, now, due(m, now))
}

// CancelMail removes a mail that has not gone yet, saying whether it had
// not; a mail already sent stays. (One a sender holds at that moment may
// still go: the survey it carries is cancelled all the same.)
func (s *Store) CancelMail(ctx context.Context, id int64) (bool, error) {
	res, err := s.exec(ctx, `DELETE FROM mail_outbox WHERE id = ? AND sent_at IS NULL`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
