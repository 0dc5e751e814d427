package store

// FillDeviceColumns is migration 019's Go step, for the tests to run again
// over devices whose columns were blanked.
var FillDeviceColumns = fillDeviceColumns
