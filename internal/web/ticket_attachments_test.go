package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTicketAttachmentsOnPagesAndAPI adds a file to a ticket from the
// update form and another through the API, then downloads them: always as
// an attachment with nosniff, the HTML one refused, and another council's
// officer answered 404 on the page and the API alike.
func TestTicketAttachmentsOnPagesAndAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		other := a.signedIn(t, "it.officer@brentmere.example")
		res := do(t, officer, "POST", a.http.URL+"/tickets", map[string][]string{"type": {"incident"}, "title": {"Scanner shows E42"},
			"impact": {"low"}, "urgency": {"low"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("raise: %d %s", res.status, res.body)
		}
		page := a.http.URL + res.location
		tk, _ := storedTicket(t, a, ticketIDFrom(t, a, res.location))

		upload := func(name string, content []byte) response {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			_ = mw.WriteField("note", "")
			fw, _ := mw.CreateFormFile("attachment", name)
			_, _ = fw.Write(content)
			_ = mw.Close()
			return send(t, officer, "POST", page, &body, mw.FormDataContentType(), nil)
		}
		if res := upload("error.html", []byte("<html><script>alert(1)</script></html>")); res.status != 422 ||
			!strings.Contains(res.body, `href="#attachment"`) || !strings.Contains(res.body, "not a file type ward accepts") {
			t.Fatalf("an HTML file: %d, want 422 naming the attachment field", res.status)
		}
		if res := upload(`..\..\e42 "photo".txt`, []byte("E42 since Monday\n")); res.status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", res.status, res.body)
		}
		body := do(t, officer, "GET", page, nil, nil).body
		i := strings.Index(body, `/attachments/`)
		if i < 0 || !strings.Contains(body, `e42 &#34;photo&#34;.txt`) {
			t.Fatalf("the ticket page lists no attachment")
		}
		link := a.http.URL + body[strings.LastIndex(body[:i], `"`)+1:i+strings.Index(body[i:], `"`)]
		got := do(t, officer, "GET", link, nil, nil)
		if got.status != 200 || got.body != "E42 since Monday\n" || got.header.Get("X-Content-Type-Options") != "nosniff" ||
			got.header.Get("Content-Disposition") != `attachment; filename="e42 \"photo\".txt"` {
			t.Errorf("download: %d %q %v", got.status, got.body, got.header)
		}
		if res := do(t, other, "GET", link, nil, nil); res.status != 404 || strings.Contains(res.body, "E42") {
			t.Errorf("another council's officer downloaded it: %d", res.status)
		}

		// The API: upload with a misleading type, list, download; another council gets 404.
		_, token := a.token(t, "ashcombe", "officer", time.Hour)
		_, brm := a.token(t, "brentmere", "officer", time.Hour)
		files := a.http.URL + "/api/v1/orgs/ashcombe/tickets/" + tk.Ref + "/attachments"
		hdr := bearer(token)
		hdr["Content-Disposition"] = `attachment; filename="scan.pdf"`
		res = send(t, http.DefaultClient, "POST", files, strings.NewReader("plain words"), "application/pdf", hdr)
		var doc struct {
			ContentType string `json:"content_type"`
			SHA256      string `json:"sha256"`
			Download    string `json:"download"`
		}
		if err := json.Unmarshal([]byte(res.body), &doc); res.status != 201 || err != nil || !strings.HasPrefix(doc.ContentType, "text/plain") {
			t.Fatalf("API upload: %d %s (the type must come from the content)", res.status, res.body)
		}
		if res := do(t, http.DefaultClient, "GET", files, nil, bearer(token)); !strings.Contains(res.body, "scan.pdf") || !strings.Contains(res.body, "e42") {
			t.Errorf("API list: %d %s", res.status, res.body)
		}
		if res := do(t, http.DefaultClient, "GET", a.http.URL+doc.Download, nil, bearer(token)); res.body != "plain words" ||
			!strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment;") {
			t.Errorf("API download: %d %q %v", res.status, res.body, res.header)
		}
		if res := do(t, http.DefaultClient, "GET", a.http.URL+doc.Download, nil, bearer(brm)); res.status != 404 {
			t.Errorf("another council's token downloaded it: %d", res.status)
		}
	})
}
