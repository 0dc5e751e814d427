// Package auth holds the pure logic behind Ward's sign-in security:
// password hashing and policy, TOTP second factors, recovery codes, session
// and API tokens, and the lockout schedule after repeated failures.
//
// Nothing here touches the database or HTTP. Callers own storage (hashes,
// last-used TOTP step, failure counts) and presentation; this package only
// decides and derives, so every rule can be tested in isolation.
package auth
