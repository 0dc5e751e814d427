package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/posturegen"
	"github.com/ward-shared-service/ward/internal/posture"
)

// Every field of a device must survive the store: the test fills each one
// by reflection, so a field added to posture.Device and forgotten here fails.
func TestDeviceRecordKeepsEveryField(t *testing.T) {
	var d posture.Device
	v := reflect.ValueOf(&d).Elem()
	when := time.Date(2026, 11, 20, 8, 30, 15, 123456000, time.UTC)
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Interface().(type) {
		case string, posture.DeviceType, posture.Ownership, posture.OSFamily:
			f.SetString("value-" + v.Type().Field(i).Name)
		case bool:
			f.SetBool(true)
		case posture.Fact:
			f.SetInt(int64(1 + i%2))
		case int:
			f.SetInt(int64(i))
		case time.Time:
			f.Set(reflect.ValueOf(when.Add(time.Duration(i) * time.Hour)))
		case map[string]string:
			f.Set(reflect.ValueOf(map[string]string{"intune": "d-1", "ward": "w-2"}))
		case []string:
			f.Set(reflect.ValueOf([]string{"intune", "ward"}))
		case []posture.Update:
			f.Set(reflect.ValueOf([]posture.Update{{ID: "KB1", Severity: posture.Critical, Released: when}, {ID: "KB2", Severity: posture.High}}))
		default:
			t.Fatalf("field %s has a type the codec test does not fill: add it to the codec and here", v.Type().Field(i).Name)
		}
	}
	var back posture.Device
	if err := decodeDevice(encodeDevice(&d, nil), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, back) {
		t.Errorf("device came back as\n%+v\nwant\n%+v", back, d)
	}
}

func FuzzDecodeDevice(f *testing.F) {
	d := posturegen.Devices(3, 1, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	for i := range d {
		f.Add(encodeDevice(&d[i], nil))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d posture.Device
		if decodeDevice(data, &d) == nil {
			again := encodeDevice(&d, nil)
			var twice posture.Device
			if err := decodeDevice(again, &twice); err != nil || !reflect.DeepEqual(d, twice) {
				t.Fatalf("a decoded record does not round-trip: %v", err)
			}
		}
	})
}
