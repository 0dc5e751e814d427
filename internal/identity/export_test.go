package identity

// PlainPathText writes a path as the tests compare it (names and edge kinds
// between spaces), for the external tests of package identity_test: they
// read real exports through the readers, an import the package's own tests
// cannot make without a cycle.
var PlainPathText = pathText
