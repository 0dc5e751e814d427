package inventory

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// builtinAdmins are accounts that are administrators by design; a person's
// own account among the administrators is what the control is about.
var builtinAdmins = map[string]bool{"administrator": true, "root": true, "defaultaccount": true,
	"wdagutilityaccount": true, "guest": true, "_mbsetupuser": true, "daemon": true}

// adminGroups are the local administrators' groups of Windows, macOS and Linux.
var adminGroups = map[string]bool{"administrators": true, "admin": true, "wheel": true, "sudo": true}

// apply reads one query's rows into the device and host.
func apply(d *posture.Device, h *host, k queryKind, rows []row) error {
	first := row{cols: map[string]string{}}
	if len(rows) > 0 {
		first = rows[0]
	}
	switch k {
	case qSystemInfo:
		set(&h.serial, cleanSerial(first.cols["hardware_serial"]))
		set(&h.computerName, first.cols["computer_name"])
		set(&h.hostname, first.cols["hostname"])
		set(&h.model, first.cols["hardware_model"])
	case qOSVersion:
		set(&h.osName, first.cols["name"])
		set(&h.platform, first.cols["platform"])
		d.OSVersion = firstOf(first.cols["version"], first.cols["build"])
		d.OS = osFamily(firstOf(first.cols["platform"], first.cols["name"]))
	case qChassis:
		for _, r := range rows {
			if t := chassisType(r.cols["chassis_types"]); t != "" {
				d.Type = t
				break
			}
		}
	case qBitLocker:
		var facts []posture.Fact
		system := false
		for _, r := range rows {
			f, err := onOff(r, "protection_status", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "2": posture.Unknown})
			if err != nil {
				return err
			}
			// The system drive decides when it is reported.
			if strings.EqualFold(r.cols["drive_letter"], "C:") {
				if !system {
					facts = facts[:0]
				}
				system = true
				facts = append(facts, f)
			} else if !system {
				facts = append(facts, f)
			}
		}
		if f := allYes(facts); f.Known() {
			d.Encrypted = f
		}
	case qDiskEncryption:
		var facts []posture.Fact
		root := false
		for _, r := range rows {
			f, err := diskFact(r)
			if err != nil {
				return err
			}
			// With a mount path joined in, the root and data volumes decide.
			if p, ok := r.cols["path"]; ok && (p == "/" || p == "/System/Volumes/Data") {
				if !root {
					facts = facts[:0]
				}
				root = true
				facts = append(facts, f)
			} else if !root {
				facts = append(facts, f)
			}
		}
		if f := allYes(facts); f.Known() {
			d.Encrypted = f
		}
	case qSecurityCenter:
		for _, c := range []struct {
			col string
			to  *posture.Fact
		}{{"firewall", &d.Firewall}, {"antivirus", &d.MalwareProtection}} {
			if _, ok := first.cols[c.col]; !ok {
				continue
			}
			f, err := onOff(first, c.col, map[string]posture.Fact{"good": posture.Yes, "poor": posture.No, "snoozed": posture.No,
				"not monitored": posture.Unknown, "error": posture.Unknown, "": posture.Unknown})
			if err != nil {
				return err
			}
			if f.Known() {
				*c.to = f
			}
		}
	case qSecurityProducts:
		var fw, av []posture.Fact
		states := map[string]posture.Fact{"on": posture.Yes, "off": posture.No, "snoozed": posture.No, "expired": posture.No, "unknown": posture.Unknown, "": posture.Unknown}
		for _, r := range rows {
			f, err := onOff(r, "state", states)
			if err != nil {
				return err
			}
			switch strings.ToLower(r.cols["type"]) {
			case "firewall":
				fw = append(fw, f)
			case "antivirus":
				if f == posture.Yes && r.cols["signatures_up_to_date"] == "0" {
					f = posture.No
				}
				av = append(av, f)
			}
		}
		if f := anyYes(fw); f.Known() {
			d.Firewall = f
		}
		if f := anyYes(av); f.Known() {
			d.MalwareProtection = f
		}
	case qALF:
		f, err := onOff(first, "global_state", map[string]posture.Fact{"0": posture.No, "1": posture.Yes, "2": posture.Yes})
		if err != nil {
			return err
		}
		if f.Known() {
			d.Firewall = f
		}
	case qScreenLock:
		if len(rows) == 0 {
			break
		}
		f, err := onOff(first, "enabled", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "": posture.Unknown})
		if err != nil {
			return err
		}
		if f.Known() {
			d.ScreenLock = f
		}
		if v, ok := first.cols["idle_seconds"]; ok && v != "" {
			n, ok := atoi(v)
			if !ok {
				return first.fail("idle_seconds", quote(v)+" is not a whole number of seconds")
			}
			d.ScreenLockMinutes = (n + 59) / 60
		}
	case qScreenTimeout:
		for _, r := range rows {
			if !strings.HasSuffix(strings.ToLower(r.cols["path"]), `\inactivitytimeoutsecs`) {
				continue
			}
			v := r.cols["data"]
			n, ok := atoi(v)
			if !ok {
				return r.fail("data", quote(v)+" is not a whole number of seconds")
			}
			d.ScreenLock = posture.FactOf(n > 0)
			d.ScreenLockMinutes = (n + 59) / 60
		}
	case qLocalAdmins:
		admin := false
		for _, r := range rows {
			user := strings.ToLower(r.cols["username"])
			in := false
			if g, ok := r.cols["groupname"]; ok {
				in = adminGroups[strings.ToLower(g)]
			}
			for _, c := range []string{"admin", "is_admin"} {
				if v, ok := r.cols[c]; ok && v != "" {
					f, err := onOff(r, c, map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "true": posture.Yes, "false": posture.No})
					if err != nil {
						return err
					}
					in = f == posture.Yes
				}
			}
			if in && user != "" && !builtinAdmins[user] && !strings.HasPrefix(user, "_") {
				admin = true
			}
		}
		d.UserIsLocalAdmin = posture.FactOf(admin)
	}
	return nil
}

func set(to *string, v string) {
	if v != "" {
		*to = v
	}
}

// onOff reads a column through a table of its values, case-insensitively.
func onOff(r row, col string, values map[string]posture.Fact) (posture.Fact, error) {
	v := r.cols[col]
	f, ok := values[strings.ToLower(strings.TrimSpace(v))]
	if !ok {
		known := make([]string, 0, len(values))
		for k := range values {
			if k != "" {
				known = append(known, strconv.Quote(k))
			}
		}
		slices.Sort(known)
		return posture.Unknown, r.fail(col, quote(v)+" is not one of "+strings.Join(known, ", "))
	}
	return f, nil
}

// diskFact reads a disk_encryption row: FileVault's status where given,
// else the encrypted flag.
func diskFact(r row) (posture.Fact, error) {
	if v := r.cols["filevault_status"]; v != "" {
		return onOff(r, "filevault_status", map[string]posture.Fact{"on": posture.Yes, "off": posture.No, "unknown": posture.Unknown})
	}
	return onOff(r, "encrypted", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "": posture.Unknown})
}

// allYes is Yes when every fact is, No when any is No, else Unknown.
func allYes(facts []posture.Fact) posture.Fact {
	out := posture.Unknown
	for _, f := range facts {
		switch f {
		case posture.No:
			return posture.No
		case posture.Yes:
			out = posture.Yes
		}
	}
	return out
}

// anyYes is Yes when some fact is, No when all known ones are No.
func anyYes(facts []posture.Fact) posture.Fact {
	out := posture.Unknown
	for _, f := range facts {
		switch f {
		case posture.Yes:
			return posture.Yes
		case posture.No:
			out = posture.No
		}
	}
	return out
}
