package httpin

import (
	"mime"
	"net/http"
	"strconv"
)

// WriteAttachment answers with a ticket's file as a download, for the pages
// and the API alike. It is never shown inline: the disposition is
// attachment, the browser may not guess another type (nosniff), and a
// browser that opened it anyway would hold it in a sandbox with no rights.
func WriteAttachment(w http.ResponseWriter, name, contentType string, content []byte) {
	h := w.Header()
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": FileName(name, "", "attachment")})
	if disposition == "" {
		disposition = "attachment"
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(content)))
	_, _ = w.Write(content)
}
