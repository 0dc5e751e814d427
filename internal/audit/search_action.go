package audit

// Search is a search of the records a user may see: it reads across
// confidential data (tickets, people, devices, accounts, WARP items), so
// each is recorded with the query, the kinds searched and how many were
// found, whichever door it came through (page, API or command line).
const Search = "search"
