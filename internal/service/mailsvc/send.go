package mailsvc

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"net/smtp"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
)

// send delivers one message in one SMTP conversation: STARTTLS when the
// server offers it, AUTH only over TLS unless Insecure.
func send(ctx context.Context, c Config, to string, msg []byte) error {
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return err
	}
	d := net.Dialer{Timeout: 15 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return err
	}
	_ = conn.SetDeadline(time.Now().Add(60 * time.Second))
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer cl.Close()
	if err := cl.Hello("ward"); err != nil {
		return err
	}
	secure := false
	if ok, _ := cl.Extension("STARTTLS"); ok {
		if err := cl.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
		secure = true
	}
	if c.Username != "" {
		if !secure && !c.Insecure {
			return errors.New("the mail server does not offer STARTTLS; ward will not send a password in clear (set WARD_SMTP_INSECURE=true for a local relay)")
		}
		if err := cl.Auth(plainAuth{c.Username, c.Password}); err != nil {
			return err
		}
	}
	if err := cl.Mail(c.From); err != nil {
		return err
	}
	if err := cl.Rcpt(to); err != nil {
		return err
	}
	w, err := cl.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return cl.Quit()
}

// plainAuth is AUTH PLAIN; net/smtp's own refuses to run without TLS even
// when the operator has said the relay is local.
type plainAuth struct{ user, password string }

func (a plainAuth) Start(*smtp.ServerInfo) (string, []byte, error) {
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.password), nil
}

func (a plainAuth) Next([]byte, bool) ([]byte, error) { return nil, nil }

// Delivery is what one pass over the outbox did.
type Delivery struct{ Sent, Failed int }

// Deliver sends the outbox's due mail once. A mail that fails is tried
// again later, backing off, and its error is kept for the operator.
func Deliver(ctx context.Context, st *store.Store, c Config) (Delivery, error) {
	var d Delivery
	if err := c.Check(); err != nil {
		return d, err
	}
	for {
		batch, err := st.ClaimMail(ctx, 50, 10*time.Minute)
		if err != nil || len(batch) == 0 {
			return d, err
		}
		for _, m := range batch {
			msg := compose(c.From, m.To, m.Subject, m.Body, st.Now())
			if err := send(ctx, c, m.To, msg); err != nil {
				d.Failed++
				backoff := time.Duration(min(m.Attempts*m.Attempts, 60)) * time.Minute
				if err := st.MailFailed(ctx, m.ID, err.Error(), backoff); err != nil {
					return d, err
				}
				continue
			}
			d.Sent++
			sent := st.MailSent
			if desk.IsSurveyMail(m.Reason) {
				sent = st.MailSentForgettingBody // its links answer without sign-in
			}
			if err := sent(ctx, m.ID); err != nil {
				return d, err
			}
		}
	}
}

// Run delivers the outbox every interval until ctx ends.
func Run(ctx context.Context, st *store.Store, c Config, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		d, err := Deliver(ctx, st, c)
		if err != nil {
			log.Error("mail delivery", "err", err)
		} else if d.Sent+d.Failed > 0 {
			log.Info("mail delivered", "sent", d.Sent, "failed", d.Failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
