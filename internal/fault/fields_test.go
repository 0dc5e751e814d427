package fault_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
)

func TestFieldsKeepEveryProblemAndAdaptersSeeTheFirst(t *testing.T) {
	var bad fault.Fields
	if bad.Err() != nil {
		t.Fatal("no problems is no error")
	}
	bad.Add("name", "enter the name")
	bad.Add("email", "enter an address like %s", "a@b.example")
	err := fmt.Errorf("saving: %w", bad.Err())
	if f := fault.As(err); f == nil || f.Field != "name" || f.Kind != fault.KindInvalid {
		t.Errorf("As finds %+v, want the first problem", f)
	}
	all := fault.All(err)
	if len(all) != 2 || all[1].Field != "email" || all[1].Message != "enter an address like a@b.example" {
		t.Errorf("All: %+v", all)
	}
	if one := fault.All(fault.Invalid("x", "wrong")); len(one) != 1 || one[0].Field != "x" {
		t.Errorf("All of one fault: %+v", one)
	}
	if fault.All(errors.New("plain")) != nil {
		t.Error("All of a plain error names problems")
	}
}
