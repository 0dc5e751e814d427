// Package webtest is the harness the web tests share: a real ward server on
// loopback over a real database holding the demo and a few records named
// after each org, real HTTP clients that sign in as its users, and a watch
// on the database that proves a refused request changed nothing.
//
// It is imported by tests only. Seeding the demo costs seconds on
// PostgreSQL, and the web suite opens a fresh server dozens of times, so
// the seeded database is built once per engine and each test gets its own
// copy of it (a copied file for SQLite, a database made from a template for
// PostgreSQL). A package that uses NewApp runs its tests through Main, which
// drops those templates at the end.
package webtest
