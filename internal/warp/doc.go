// Package warp is the logic of ward's WARP (Warning, Advice and Reporting
// Point): the Traffic Light Protocol markings and who they let see a shared
// item, indicators of compromise and how their values are written, the
// warning lists that flag likely false positives, and the Matcher that
// checks members' logs against every indicator they may see. It holds no
// SQL and no HTTP; internal/store keeps the items and internal/service/warpsvc is
// the service the pages, API, TAXII server and CLI go through.
package warp
