package warpsvc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TAXIIStatus is what became of an envelope a member posted to a
// collection, as TAXII's status resource says it.
type TAXIIStatus struct {
	ID          string
	Status      string // ward adds objects while the client waits, so always "complete"
	RequestedAt time.Time
	Successes   []TAXIIOutcome
	Failures    []TAXIIOutcome
	Pendings    []TAXIIOutcome
}

// TAXIIOutcome is one object's part of a status.
type TAXIIOutcome struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Message string `json:"message,omitempty"`
}

// TAXIIAdd imports the objects posted to a collection through the same
// STIX import as a feed file, as the principal's org, shared with the
// community under the collection's marking (an object marked stricter by
// its source keeps its own marking, and so lands in that collection). The
// envelope is one transaction: a bad object, or an indicator on a warning
// list, refuses every object, and the status says why. An object the
// import does not keep (an identity, a sighting, an indicator with nothing
// ward can match on) is a failure with the reason, not a silent success.
func (s *Service) TAXIIAdd(ctx context.Context, p tenancy.Principal, collectionID string, objects []json.RawMessage) (TAXIIStatus, error) {
	col, err := s.TAXIICollection(ctx, p, collectionID)
	if err != nil {
		return TAXIIStatus{}, err
	}
	if !col.CanWrite {
		return TAXIIStatus{}, fault.Forbidden("this token may read this collection but not add to it: its organisation "+
			"reads the community without publishing there, or its role (%s) does not share warnings", p.Role)
	}
	if len(objects) == 0 {
		return TAXIIStatus{}, invalid("objects", "the envelope holds no objects to add")
	}
	st := TAXIIStatus{ID: uuid.NewString(), Status: "complete", RequestedAt: s.now()}
	heads := make([]objectHead, len(objects))
	var ids []string
	for i, raw := range objects {
		if err := json.Unmarshal(raw, &heads[i]); err != nil || heads[i].ID == "" {
			return TAXIIStatus{}, invalid(fmt.Sprintf("objects[%d]", i), "is not a STIX object with an id")
		}
		ids = append(ids, heads[i].ID)
	}
	before, err := s.Store.HeldSTIXIDs(ctx, ids)
	if err != nil {
		return TAXIIStatus{}, err
	}
	list := append([]byte{'['}, bytes.Join(rawBytes(objects), []byte{','})...)
	res, err := s.Import(ctx, p, FeedImport{ShareSpec: ShareSpec{Community: col.Community.Slug, TLP: string(col.Marking)},
		File: "envelope", Reader: bytes.NewReader(append(list, ']'))})
	bad := fault.As(err)
	var flagged *WarningsError
	switch {
	case errors.As(err, &flagged) || fault.Is(err, fault.KindInvalid):
		why := err.Error()
		if flagged == nil {
			why = bad.Message
		}
		for _, h := range heads {
			st.Failures = append(st.Failures, h.outcome("not added (an envelope is added whole or not at all): "+why))
		}
		return st, s.saveStatus(ctx, p, col, st)
	case err != nil:
		return TAXIIStatus{}, err
	}
	after, err := s.Store.HeldSTIXIDs(ctx, ids)
	if err != nil {
		return TAXIIStatus{}, err
	}
	for _, h := range heads {
		switch {
		case h.Type == "marking-definition" && isTLP(h.ID):
			st.Successes = append(st.Successes, h.outcome("ward marks objects with the published TLP 2.0 definitions and keeps no copy"))
		case before[h.ID]:
			st.Successes = append(st.Successes, h.outcome("ward already held this object and left it as it was"))
		case after[h.ID]:
			st.Successes = append(st.Successes, h.outcome(unmatchedOf(res.Unmatched, h.ID)))
		default:
			st.Failures = append(st.Failures, h.outcome(notKeptReason(h.Type)))
		}
	}
	return st, s.saveStatus(ctx, p, col, st)
}

// objectHead is what a status names an object by.
type objectHead struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Created  string `json:"created"`
	Modified string `json:"modified"`
}

func (h objectHead) outcome(message string) TAXIIOutcome {
	version := h.Modified
	if version == "" {
		version = h.Created
	}
	return TAXIIOutcome{ID: h.ID, Version: version, Message: message}
}

func rawBytes(objects []json.RawMessage) [][]byte {
	out := make([][]byte, len(objects))
	for i, o := range objects {
		out[i] = o
	}
	return out
}

// unmatchedOf says which parts of an indicator's pattern ward cannot match
// on, as the import reported them.
func unmatchedOf(unmatched []string, id string) string {
	var parts []string
	for _, u := range unmatched {
		if rest, ok := strings.CutPrefix(u, id+": "); ok {
			parts = append(parts, rest)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "added; ward cannot match on: " + strings.Join(parts, "; ")
}

func isTLP(id string) bool {
	_, ok := stix.WellKnownTLP(id)
	return ok
}

func notKeptReason(typ string) string {
	switch typ {
	case "indicator":
		return "not added: its pattern names nothing ward can match on"
	case "identity", "sighting", "marking-definition":
		return "not added: ward does not take " + typ + " objects from members (it writes its own)"
	}
	return "not added"
}

func (s *Service) saveStatus(ctx context.Context, p tenancy.Principal, col TAXIICollection, st TAXIIStatus) error {
	details, err := json.Marshal(map[string][]TAXIIOutcome{"successes": st.Successes, "failures": st.Failures, "pendings": st.Pendings})
	if err != nil {
		return err
	}
	return s.Store.CreateTAXIIStatus(ctx, p.Scope, &store.TAXIIStatus{ID: st.ID, OrgID: p.OrgID, CollectionID: col.ID, Status: st.Status,
		Total: len(st.Successes) + len(st.Failures) + len(st.Pendings), Successes: len(st.Successes), Failures: len(st.Failures),
		Pendings: len(st.Pendings), Details: string(details), RequestedAt: st.RequestedAt})
}

// TAXIIStatusOf reads a status the principal's org posted; store.ErrNotFound
// for any other.
func (s *Service) TAXIIStatusOf(ctx context.Context, p tenancy.Principal, id string) (TAXIIStatus, error) {
	if _, err := s.viewer(ctx, p); err != nil {
		return TAXIIStatus{}, err
	}
	rec, err := s.Store.TAXIIStatusOf(ctx, p.Scope, p.OrgID, id)
	if err != nil {
		return TAXIIStatus{}, err
	}
	var d struct{ Successes, Failures, Pendings []TAXIIOutcome }
	if err := json.Unmarshal([]byte(rec.Details), &d); err != nil {
		return TAXIIStatus{}, fmt.Errorf("taxii status %s: %w", id, err)
	}
	return TAXIIStatus{ID: rec.ID, Status: rec.Status, RequestedAt: rec.RequestedAt, Successes: d.Successes, Failures: d.Failures, Pendings: d.Pendings}, nil
}
