// Package isolation holds the walk that proves tenancy end to end: every
// page and API route of ward, requested as every role of every org, on
// SQLite and PostgreSQL, must show nothing of an org outside the caller's
// scope and change nothing when it refuses. The walk is its tests; it sits
// apart from package web so that go test runs it beside the web suite.
package isolation
