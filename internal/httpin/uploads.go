package httpin

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// FileName is the name an uploaded export goes by: the one given, else the
// one in a Content-Disposition header, else fallback. Only the last element
// of a path is kept, since it is shown in messages and the audit log; for
// the same reason control characters are dropped, bytes that are not UTF-8
// become U+FFFD (a browser's idea of a name is no reason to refuse the
// file; the store refuses text that is not UTF-8), and a long name is cut
// to 200 bytes between characters. A name with nothing left is fallback.
func FileName(given, disposition, fallback string) string {
	name := strings.TrimSpace(given)
	if name == "" && disposition != "" {
		if _, params, err := mime.ParseMediaType(disposition); err == nil {
			name = params["filename"]
		}
	}
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, "\uFFFD"))
	name = strings.TrimSpace(cutUTF8(name, maxFileName))
	if name == "" || name == "." || name == ".." || name == "/" {
		return fallback
	}
	return name
}

// maxFileName bounds a file name as shown and stored, in bytes.
const maxFileName = 200

// cutUTF8 cuts valid UTF-8 text to at most n bytes without splitting a
// character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// DirectoryFileName is the name an uploaded directory export is read
// under. The readers tell a zip from a .json by the name, so a name
// without either ending (or no name at all) gets the one its first bytes
// show: a zip starts "PK".
func DirectoryFileName(name string, source identity.Source, head []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".zip" || ext == ".json" {
		return name
	}
	if name == "" {
		name = "sharphound"
		if source == identity.EntraID {
			name = "entra"
		}
	}
	if bytes.HasPrefix(head, []byte("PK")) {
		return name + ".zip"
	}
	return name + ".json"
}

// UnreadableError is a file that could not be read as an export at all (a
// corrupt gzip stream, say): the sender's problem, not the server's.
type UnreadableError struct{ Err error }

func (e *UnreadableError) Error() string { return e.Err.Error() }
func (e *UnreadableError) Unwrap() error { return e.Err }

// ChooseFormat is the export format for a file: the one named, or the one
// its name and first bytes show.
func ChooseFormat(named, file string, head *bufio.Reader) (inventory.Format, error) {
	if strings.TrimSpace(named) != "" {
		return inventory.ParseFormat(named)
	}
	peek, _ := head.Peek(32 << 10)
	return inventory.DetectFormat(file, peek)
}

// Import reads an export of either kind into an org. A bad value is an
// *inventory.RowError; a file the readers could not read at all comes back
// as an *UnreadableError.
func Import(ctx context.Context, est *posturesvc.Service, p tenancy.Principal, orgID int64, format inventory.Format, file string, r io.Reader) (posturesvc.ImportResult, error) {
	var res posturesvc.ImportResult
	var err error
	if format.Devices() {
		res, err = est.ImportDevices(ctx, p, orgID, format, file, r)
	} else {
		res, err = est.ImportMailboxes(ctx, p, orgID, format, file, r)
	}
	var rowErr *inventory.RowError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil, fault.KindOf(err) != fault.KindInternal, errors.As(err, &rowErr),
		errors.As(err, &tooBig), errors.Is(err, context.Canceled):
		return res, err
	case file != "" && strings.HasPrefix(err.Error(), file+": "):
		// The readers name the file in every error of their own; the
		// store's errors never start with it.
		return res, &UnreadableError{Err: err}
	}
	return res, err
}
