package policysvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MaxEvidence caps the scanned copy of a paper acceptance.
const MaxEvidence = 10 << 20

// evidenceTypes are what a scan may be, by its content, not its name.
var evidenceTypes = map[string]bool{"application/pdf": true, "image/png": true, "image/jpeg": true}

// Paper is a signed paper acceptance brought in by an administrator.
type Paper struct {
	OrgID    int64
	PersonID int64
	Slug     string
	Version  int // 0: the latest version
	FileName string
	Scan     []byte
}

// AcceptPaper records a paper acceptance with its scanned copy as
// evidence. The scan must be a PDF, PNG or JPEG by its content.
func (s *Service) AcceptPaper(ctx context.Context, p tenancy.Principal, in Paper) (store.PolicyAcceptance, error) {
	if !p.Can(tenancy.ManagePolicy) {
		return store.PolicyAcceptance{}, fault.Forbidden("recording paper acceptances")
	}
	var errs fault.Fields
	kind := http.DetectContentType(in.Scan)
	switch {
	case len(in.Scan) == 0:
		errs.Add("scan", "attach the scanned copy of the signed page")
	case len(in.Scan) > MaxEvidence:
		errs.Add("scan", "the scan is over %d MiB", MaxEvidence>>20)
	case !evidenceTypes[kind]:
		errs.Add("scan", "the scan is %s; attach a PDF, PNG or JPEG", kind)
	}
	st, err := s.load(ctx, p.Scope, in.OrgID)
	if err != nil {
		return store.PolicyAcceptance{}, err
	}
	var doc *docState
	for _, d := range st.Docs {
		if d.Doc.Slug == in.Slug {
			doc = d
		}
	}
	person := st.byID[in.PersonID]
	if person == nil {
		errs.Add("person", "no person %d in %s", in.PersonID, st.Org.Name)
	}
	var v store.PolicyVersion
	if doc == nil {
		errs.Add("document", "no document %q in %s", in.Slug, st.Org.Name)
	} else {
		found := false
		for _, x := range doc.Versions {
			if x.Number == in.Version || (in.Version == 0 && x.Number == len(doc.Versions)) {
				v, found = x, true
			}
		}
		if !found {
			errs.Add("version", "%s has no version %d", doc.Doc.Title, in.Version)
		}
	}
	if err := errs.Err(); err != nil {
		return store.PolicyAcceptance{}, err
	}
	sum := sha256.Sum256(in.Scan)
	a := store.PolicyAcceptance{OrgID: in.OrgID, PersonID: in.PersonID, VersionID: v.ID, SHA256: v.SHA256, Method: "paper",
		RecordedBy: p.Actor, Client: p.IP, Evidence: in.Scan, EvidenceName: clip(filepath.Base(in.FileName), 200),
		EvidenceSHA256: hex.EncodeToString(sum[:]), EvidenceType: kind}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if a, err = s.Store.AddPolicyAcceptance(ctx, p.Scope, a); err != nil {
			return err
		}
		if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: in.OrgID, Action: audit.PolicyPaper, IP: p.IP,
			Target: doc.Doc.Slug + " v" + strconv.Itoa(v.Number), Detail: map[string]string{"person": person.Name,
				"evidence_sha256": a.EvidenceSHA256}}); err != nil {
			return err
		}
		return s.reconcile(ctx, p.Scope, in.OrgID)
	})
	a.Evidence = nil
	return a, err
}
