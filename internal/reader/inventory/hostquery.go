package inventory

import (
	"strings"
)

// queryKind is a query ward understands.
type queryKind int

const (
	qNone queryKind = iota
	qSystemInfo
	qOSVersion
	qChassis
	qBitLocker
	qDiskEncryption
	qSecurityCenter
	qSecurityProducts
	qScreenLock
	qScreenTimeout
	qALF
	qLocalAdmins
)

// queryNames are the names a scheduled query may have (the last part of a
// pack's query name: "pack/Global/disk_encryption" is disk_encryption).
var queryNames = map[string]queryKind{
	"system_info":               qSystemInfo,
	"os_version":                qOSVersion,
	"chassis_info":              qChassis,
	"bitlocker_info":            qBitLocker,
	"bitlocker":                 qBitLocker,
	"disk_encryption":           qDiskEncryption,
	"filevault":                 qDiskEncryption,
	"windows_security_center":   qSecurityCenter,
	"windows_security_products": qSecurityProducts,
	"screenlock":                qScreenLock,
	"screen_lock":               qScreenLock,
	"screen_lock_timeout":       qScreenTimeout,
	"inactivity_timeout":        qScreenTimeout,
	"alf":                       qALF,
	"local_admins":              qLocalAdmins,
	"local_administrators":      qLocalAdmins,
	"admin_users":               qLocalAdmins,
}

// kindByName finds a query by its name; pack names join pack and query
// with "/" or, in older osquery, "_".
func kindByName(name string) queryKind {
	n := strings.ToLower(name)
	if i := strings.LastIndexByte(n, '/'); i >= 0 {
		n = n[i+1:]
	}
	if k, ok := queryNames[n]; ok {
		return k
	}
	best, kind := 0, qNone
	for q, k := range queryNames {
		if len(q) > best && strings.HasSuffix(n, "_"+q) {
			best, kind = len(q), k
		}
	}
	return kind
}

// kindByColumns recognises a query by the columns of its first row, for
// results that carry no query name (Fleet's reports and fleetctl) or a
// name ward does not know.
func kindByColumns(r row) queryKind {
	has := func(c string) bool { _, ok := r.cols[c]; return ok }
	switch {
	case has("protection_status"):
		return qBitLocker
	case has("filevault_status"), has("encrypted"):
		return qDiskEncryption
	case has("firewall") && has("antivirus"):
		return qSecurityCenter
	case has("signatures_up_to_date"), has("state") && has("type") && has("state_timestamp"):
		return qSecurityProducts
	case has("global_state"):
		return qALF
	case has("chassis_types"):
		return qChassis
	case has("enabled") && has("grace_period"):
		return qScreenLock
	case has("path") && has("data") && strings.HasSuffix(strings.ToLower(r.cols["path"]), `\inactivitytimeoutsecs`):
		return qScreenTimeout
	case has("username") && (has("groupname") || has("admin") || has("is_admin")):
		return qLocalAdmins
	case has("hardware_serial"):
		return qSystemInfo
	case has("platform") && has("version") && (has("build") || has("major")):
		return qOSVersion
	}
	return qNone
}

// keyColumn is a column a query's rows must have for its name to be
// believed; a "disk_encryption" query that selects other things is read by
// its columns instead.
var keyColumn = map[queryKind][]string{
	qSystemInfo:       {"hardware_serial", "hardware_model", "computer_name", "hostname"},
	qOSVersion:        {"version", "platform", "name"},
	qChassis:          {"chassis_types"},
	qBitLocker:        {"protection_status"},
	qDiskEncryption:   {"encrypted", "filevault_status"},
	qSecurityCenter:   {"firewall", "antivirus"},
	qSecurityProducts: {"state"},
	qScreenLock:       {"enabled"},
	qScreenTimeout:    {"data"},
	qALF:              {"global_state"},
	qLocalAdmins:      {"username"},
}

func classify(name string, rows []row) queryKind {
	k := kindByName(name)
	if len(rows) == 0 {
		return k
	}
	if k != qNone {
		for _, c := range keyColumn[k] {
			if _, ok := rows[0].cols[c]; ok {
				return k
			}
		}
	}
	return kindByColumns(rows[0])
}
