package inventory

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readDevices reads every device, or the first error.
func readDevices(format Format, name string, data []byte) ([]DeviceRecord, error) {
	r, err := OpenDevices(format, name, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []DeviceRecord
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, *rec)
	}
}

func mustDevices(t *testing.T, format Format, name string, data []byte) []DeviceRecord {
	t.Helper()
	recs, err := readDevices(format, name, data)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// byName finds a device by name, failing the test if it is missing.
func byName(t *testing.T, recs []DeviceRecord, name string) posture.Device {
	t.Helper()
	for _, r := range recs {
		if r.Device.Name == name {
			return r.Device
		}
	}
	t.Fatalf("no device named %q", name)
	return posture.Device{}
}

// rowError checks err is a *RowError and returns it.
func rowError(t *testing.T, err error) *RowError {
	t.Helper()
	var re *RowError
	if !errors.As(err, &re) {
		t.Fatalf("got %T %v, want a *RowError", err, err)
	}
	return re
}

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}
