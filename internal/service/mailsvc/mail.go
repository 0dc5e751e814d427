// Package mailsvc sends ward's e-mail: it writes plain-text messages and
// delivers the store's outbox to an SMTP server, so a change and the mail
// about it are committed together and a mail server being down only
// delays the mail.
package mailsvc

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
)

// Config is where and as whom mail goes.
type Config struct {
	Addr     string // host:port of the SMTP server
	From     string // the From address
	Username string // for SMTP AUTH PLAIN, only over TLS (STARTTLS)
	Password string
	// Insecure allows AUTH without TLS, for a relay on the same machine.
	Insecure bool
}

// Enabled reports whether ward has a mail server to send to.
func (c Config) Enabled() bool { return c.Addr != "" && c.From != "" }

// Check says what is wrong with the configuration.
func (c Config) Check() error {
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("mail From %q: %v", c.From, err)
	}
	if !strings.Contains(c.Addr, ":") {
		return fmt.Errorf("mail server %q: want host:port, such as smtp.example.org:587", c.Addr)
	}
	return nil
}

// compose writes a message with the headers mail clients and spam filters
// expect. Header values are encoded when they are not plain ASCII, and
// CR and LF cannot break out of a header.
func compose(from, to, subject, body string, at time.Time) []byte {
	var b bytes.Buffer
	header := func(k, v string) {
		v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
		b.WriteString(k + ": " + v + "\r\n")
	}
	header("From", from)
	header("To", to)
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", at.Format(time.RFC1123Z))
	header("Message-ID", "<"+randomHex(16)+"@ward>")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "8bit")
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, ".") { // SMTP's end-of-data mark must not appear early
			line = "." + line
		}
		b.WriteString(line + "\r\n")
	}
	return b.Bytes()
}

func randomHex(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}
