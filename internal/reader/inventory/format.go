package inventory

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Format is a kind of export ward reads.
type Format string

const (
	Intune       Format = "intune"        // Intune admin centre: Devices > All devices > Export (CSV, or the zip it downloads)
	Osquery      Format = "osquery"       // osquery's results log: JSON lines
	Fleet        Format = "fleet"         // Fleet's API, fleetctl or query report JSON
	WardCSV      Format = "ward"          // ward's own device CSV (docs/device-csv.md)
	GetMailbox   Format = "get-mailbox"   // Exchange Online: Get-Mailbox | Export-Csv
	GetInboxRule Format = "get-inboxrule" // Exchange Online: Get-InboxRule | Export-Csv
	GraphRules   Format = "graph-rules"   // Microsoft Graph messageRules JSON, named by mailbox
)

// Formats lists every format: devices first, then mailboxes.
var Formats = []Format{Intune, Osquery, Fleet, WardCSV, GetMailbox, GetInboxRule, GraphRules}

// Devices reports whether the format holds devices (else mailboxes).
func (f Format) Devices() bool {
	switch f {
	case Intune, Osquery, Fleet, WardCSV:
		return true
	}
	return false
}

// ParseFormat accepts a format by name, as the CLI's --format takes it.
func ParseFormat(s string) (Format, error) {
	k := key(s)
	for _, f := range Formats {
		if k == key(string(f)) {
			return f, nil
		}
	}
	switch k {
	case "ward", "wardcsv", "csv":
		return WardCSV, nil
	case "fleetdm":
		return Fleet, nil
	case "inboxrules", "getinboxrules", "inboxrule":
		return GetInboxRule, nil
	case "mailbox", "mailboxes":
		return GetMailbox, nil
	case "graph", "messagerules", "graphmessagerules":
		return GraphRules, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%q is not an export format (%s)", s, strings.Join(names, ", "))
}

// DeviceRecord is one device read from a file.
type DeviceRecord struct {
	Device posture.Device
	// Line is the line the device was read from: its row in a CSV, or the
	// first line that named the host in a JSON file.
	Line int
}

// DeviceReader yields devices one at a time.
type DeviceReader interface {
	// Next returns the next device, io.EOF after the last, or an error
	// (usually a *RowError) that ends the read: a caller must then
	// discard every device it was given, since the file is refused whole.
	Next() (*DeviceRecord, error)
}

// OpenDevices reads a device export. An empty format is detected from the
// file's name and first bytes (see DetectFormat). Plain, gzipped and zipped
// (one file) exports are all read; so are UTF-8 with or without a byte-order
// mark and UTF-16 with one.
func OpenDevices(format Format, name string, r io.Reader) (DeviceReader, error) {
	br, err := text(r, name)
	if err != nil {
		return nil, err
	}
	if format == "" {
		head, _ := br.Peek(32 << 10)
		if format, err = detect(name, head); err != nil {
			return nil, err
		}
	}
	switch format {
	case Intune:
		return openIntune(br, name)
	case WardCSV:
		return openWard(br, name)
	case Osquery:
		return openOsquery(br, name)
	case Fleet:
		return openFleet(br, name)
	case GetMailbox, GetInboxRule, GraphRules:
		return nil, fmt.Errorf("%s: a %s export holds mailboxes, not devices", display(name), format)
	}
	return nil, fmt.Errorf("%s: %q is not an export format", display(name), format)
}

// DetectFormat tells which export a file is from its name and its first
// bytes (a few KB is plenty; gzip, zip and UTF-16 are looked through). It
// goes by content: the columns of a CSV header, the keys of JSON.
func DetectFormat(name string, head []byte) (Format, error) {
	text, inner := peekText(head)
	if inner != "" {
		name = inner
	}
	return detect(name, text)
}

func detect(file string, text []byte) (Format, error) {
	t := bytes.TrimLeft(text, " \t\r\n")
	if len(t) == 0 {
		return "", fileError(file, "the file is empty")
	}
	if t[0] == '{' || t[0] == '[' {
		has := func(keys ...string) bool {
			for _, k := range keys {
				if bytes.Contains(t, []byte(`"`+k+`"`)) {
					return true
				}
			}
			return false
		}
		switch {
		case has("hostIdentifier"):
			return Osquery, nil
		case has("forwardTo", "forwardAsAttachmentTo", "redirectTo", "isEnabled") || bytes.Contains(t, []byte("messageRules")):
			return GraphRules, nil
		case has("hosts", "host", "rows", "hardware_serial", "query_id", "host_id", "results"):
			return Fleet, nil
		}
		return "", fileError(file, "JSON, but not an osquery results log, Fleet hosts or query results, or Graph messageRules; give the format")
	}
	line := t
	if bytes.HasPrefix(bytes.ToUpper(line), []byte("#TYPE")) {
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[i+1:]
		}
	}
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cols := map[string]bool{}
	for _, f := range bytes.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
		cols[key(strings.Trim(strings.TrimSpace(string(f)), `"`))] = true
	}
	switch {
	case cols["deviceid"] && cols["devicename"]:
		return Intune, nil
	case cols["mailboxownerid"] || cols["forwardto"] || cols["redirectto"] || cols["forwardasattachmentto"]:
		return GetInboxRule, nil
	case cols["primarysmtpaddress"] || cols["forwardingsmtpaddress"]:
		return GetMailbox, nil
	case cols["serial"] || (cols["name"] && (cols["type"] || cols["os"] || cols["encrypted"])):
		return WardCSV, nil
	}
	return "", fileError(file, "cannot tell which export this is from its header row; give the format")
}
