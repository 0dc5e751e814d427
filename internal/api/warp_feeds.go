package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// flag reads a yes-or-no query parameter.
func flag(r *http.Request, name string) bool {
	switch strings.ToLower(r.URL.Query().Get(name)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// warpMatch checks the {slug} org's logs against every indicator it may
// see and records what it saw: the body is one log (plain, CSV or JSON
// lines, gzipped or not), or a multipart form whose file parts are the
// logs. ?share=named|anonymous|none says how sightings are shared
// (anonymous unless told), ?ticket=true raises an incident, ?dry_run=true
// records nothing. Logs stream through the matcher and are not kept.
func (a *API) warpMatch(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	opt := warpsvc.MatchOptions{Share: r.URL.Query().Get("share"), Ticket: flag(r, "ticket"), DryRun: flag(r, "dry_run")}
	rep, err := a.warp.MatchEach(r.Context(), p, org.Slug, logsOf(r), opt)
	switch {
	case tooLarge(w, err, "Logs too large", "a match takes at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB a request; gzip the logs or send them in several requests"):
	case err != nil:
		a.fail(w, r, err)
	default:
		rep.Hits, rep.Sightings = nonNil(rep.Hits), nonNil(rep.Sightings)
		writeJSON(w, http.StatusOK, rep)
	}
}

// logsOf is the request's logs, one after another: each file part of a
// multipart form, or else the body itself, named by ?filename= or
// Content-Disposition.
func logsOf(r *http.Request) func(yield func(warpsvc.LogFile, error) bool) {
	return func(yield func(warpsvc.LogFile, error) bool) {
		media, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if media != "multipart/form-data" {
			yield(warpsvc.LogFile{Name: httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), "log"), Reader: r.Body}, nil)
			return
		}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(warpsvc.LogFile{}, err)
				return
			}
			if part.FileName() == "" {
				_ = part.Close()
				continue
			}
			if !yield(warpsvc.LogFile{Name: httpin.FileName(part.FileName(), "", "log"), Reader: part}, nil) {
				return
			}
		}
	}
}

// warpImport loads the body as a feed, a STIX 2.1 bundle or a plain list
// (gzipped or not), into ?community= under ?tlp=, optionally to ?orgs=
// (slugs, for AMBER or AMBER+STRICT). Values on warning lists refuse the
// feed unless ?warnings=keep or ?warnings=drop; ?skip_bad=true reports a
// list's bad lines instead of refusing it.
func (a *API) warpImport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	in := warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{Community: q.Get("community"), TLP: q.Get("tlp"), Orgs: warpsvc.SplitList(q["orgs"]),
		Anonymous: flag(r, "anonymous")}, File: httpin.FileName(q.Get("filename"), r.Header.Get("Content-Disposition"), "feed"), Reader: r.Body,
		SkipBad: flag(r, "skip_bad")}
	switch q.Get("warnings") {
	case "", "refuse":
	case "keep":
		in.AllowWarnings = true
	case "drop":
		in.DropFlagged = true
	default:
		a.fail(w, r, fault.Invalid("warnings", "warnings must be refuse, keep or drop"))
		return
	}
	res, err := a.warp.Import(r.Context(), p, in)
	switch {
	case tooLarge(w, err, "Feed too large", "a feed may be at most "+strconv.Itoa(warpsvc.MaxFeed>>20)+" MiB; gzip it"):
	case err != nil:
		a.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// warpExport answers a STIX 2.1 bundle of what the token may see:
// ?community=, ?tlp=, ?q= and ?advisory= (ids, repeated or comma-separated)
// narrow it. The service audits every export.
func (a *API) warpExport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	eq := warpsvc.ExportQuery{Community: q.Get("community"), TLP: q.Get("tlp"), Query: q.Get("q")}
	for _, v := range warpsvc.SplitList(q["advisory"]) {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			a.fail(w, r, fault.Invalid("advisory", "advisory must be advisories' ids"))
			return
		}
		eq.AdvisoryIDs = append(eq.AdvisoryIDs, id)
	}
	bundle, err := a.warp.Export(r.Context(), p, eq)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/stix+json;version=2.1")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(bundle)
}
