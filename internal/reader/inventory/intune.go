package inventory

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Intune's "Export" of All devices in the Intune admin centre. Intune names
// its columns in English sentence case ("Last check-in"); they are matched
// loosely (see key) and in any order, and columns ward does not read are
// ignored, since every Intune release adds some.

type intuneReader struct {
	c                                      *csvFile
	id, name, serial, os, osVersion, model int
	ownership, user, userEmail, encrypted  int
	lastSeen                               int
	err                                    error
}

func openIntune(br *bufio.Reader, file string) (DeviceReader, error) {
	c, err := openCSV(br, file)
	if err != nil {
		return nil, err
	}
	if err := c.require("Device ID", "Device name"); err != nil {
		return nil, err
	}
	return &intuneReader{
		c:         c,
		id:        c.col("deviceid"),
		name:      c.col("devicename"),
		serial:    c.col("serialnumber"),
		os:        c.first("os", "operatingsystem"),
		osVersion: c.col("osversion"),
		model:     c.col("model"),
		ownership: c.first("ownership", "ownertype"),
		user:      c.first("primaryuserupn", "userprincipalname"),
		userEmail: c.first("primaryuseremailaddress", "emailaddress"),
		encrypted: c.first("encrypted", "isencrypted"),
		lastSeen:  c.first("lastcheckin", "lastsyncdatetime", "lastcontact"),
	}, nil
}

func (r *intuneReader) Next() (*DeviceRecord, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.device()
	if err != nil {
		r.err = err
		return nil, err
	}
	return rec, nil
}

func (r *intuneReader) device() (*DeviceRecord, error) {
	c := r.c
	if _, err := c.next(); err != nil {
		return nil, err
	}
	id, devName := c.get(r.id), c.get(r.name)
	if id == "" && devName == "" {
		return nil, c.fail(r.id, "is empty, and so is Device name: a row must name its device")
	}
	osName := c.get(r.os)
	d := posture.Device{
		Serial:      cleanSerial(c.get(r.serial)),
		Name:        devName,
		Sources:     []string{"intune"},
		Managed:     true,
		OS:          osFamily(osName),
		OSVersion:   c.get(r.osVersion),
		Model:       c.get(r.model),
		PrimaryUser: strings.ToLower(c.get(r.user)),
		Ownership:   posture.Council,
	}
	if id != "" {
		d.SourceIDs = map[string]string{"intune": id}
	}
	if d.PrimaryUser == "" {
		d.PrimaryUser = strings.ToLower(c.get(r.userEmail))
	}
	d.Type = deviceType(d.OS, osName, d.Model)
	if v := c.get(r.ownership); v != "" && !strings.EqualFold(v, "unknown") {
		o, err := posture.ParseOwnership(v)
		if err != nil {
			return nil, c.fail(r.ownership, err.Error())
		}
		d.Ownership = o
	}
	if v := c.get(r.encrypted); v != "" {
		f, err := posture.ParseFact(v)
		if err != nil {
			return nil, c.fail(r.encrypted, err.Error())
		}
		d.Encrypted = f
	}
	if v := c.get(r.lastSeen); v != "" {
		t, ok := intuneTime(v)
		if !ok {
			return nil, c.fail(r.lastSeen, fmt.Sprintf("%s is not a date (Intune writes 2024-03-01 10:22:33.0000000; "+
				"2024-03-01T10:22:33Z and the UK's 01/03/2024 10:22:33 are read too)", quote(v)))
		}
		d.LastSeen = t
	}
	return &DeviceRecord{Device: d, Line: c.line(0)}, nil
}

// intuneTime reads the times Intune and Excel write. Intune's export is in
// UTC, so a time without an offset is UTC; slashes are the UK's day first.
func intuneTime(s string) (time.Time, bool) {
	if t, ok := parseISO(s, time.UTC, true); ok {
		return t, true
	}
	return parseDMY(s, time.UTC)
}
