package mailsvc

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

func TestComposeKeepsHeadersAndDataIntact(t *testing.T) {
	msg := string(compose("warp@ward.example", "ann@ashcombe.example", "Invoice fraud\r\nBcc: thief@evil.example — Ünïcode",
		"line one\n.hidden dot line\n", time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)))
	head, body, _ := strings.Cut(msg, "\r\n\r\n")
	if strings.Contains(head, "\r\nBcc:") {
		t.Errorf("a subject broke out into a header:\n%s", head)
	}
	if !strings.Contains(head, "Subject: =?utf-8?q?") {
		t.Errorf("a non-ASCII subject is not encoded:\n%s", head)
	}
	if !strings.Contains(body, "\r\n..hidden dot line\r\n") {
		t.Errorf("a line starting with a dot is not stuffed:\n%q", body)
	}
}

func TestDeliverSendsOnceAndKeepsFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := mailtest.Start(t)
		if err := st.EnqueueMail(ctx, []store.Mail{{To: "ann@ashcombe.example", Subject: "s", Body: "b", Reason: "test"}}); err != nil {
			t.Fatal(err)
		}
		// A password is never sent to a server that does not offer TLS.
		d, err := Deliver(ctx, st, Config{Addr: srv.Addr, From: "warp@ward.example", Username: "u", Password: "p"})
		if err != nil || d.Failed != 1 || len(srv.Messages()) != 0 {
			t.Fatalf("AUTH without TLS: %+v %v, %d delivered", d, err, len(srv.Messages()))
		}
		out, _ := st.Outbox(ctx, 10)
		if out[0].SentAt != nil || !strings.Contains(out[0].LastError, "STARTTLS") {
			t.Fatalf("the failure is not kept: %+v", out[0])
		}
		// It is tried again once its back-off has passed, and then only once.
		st.SetClock(func() time.Time { return time.Now().Add(2 * time.Minute) })
		for range 2 {
			if _, err := Deliver(ctx, st, Config{Addr: srv.Addr, From: "warp@ward.example"}); err != nil {
				t.Fatal(err)
			}
		}
		if got := srv.Messages(); len(got) != 1 || got[0].To[0] != "ann@ashcombe.example" {
			t.Fatalf("delivered %+v, want one message to ann", got)
		}
	})
}
