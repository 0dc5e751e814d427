package posture

import "testing"

func TestEvidenceFieldsReadInWords(t *testing.T) {
	for field, want := range map[string]string{"forwarding_smtp_address": "forwards mail to", "encrypted": "storage encrypted", "new_field": "new_field"} {
		if got := FieldLabel(field); got != want {
			t.Errorf("%s reads %q, want %q", field, got, want)
		}
	}
}
