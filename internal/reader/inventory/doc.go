// Package inventory turns the councils' tools' exports into posture values:
// devices from Intune, osquery, Fleet and ward's own device CSV, and
// mailboxes from Exchange Online (Get-Mailbox, Get-InboxRule) and Microsoft
// Graph's messageRules. docs/device-csv.md says which columns and queries
// are read from each.
//
// It only parses: readers take an io.Reader and give posture.Device and
// posture.Mailbox values; the store writes them in one transaction. Any bad
// value ends the read with a *RowError naming the file, line and column (or
// JSON path), so a caller that stops at the first error never writes half a
// file.
package inventory
