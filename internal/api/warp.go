package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ward-shared-service/ward/internal/accounts"
	"github.com/ward-shared-service/ward/internal/sharing"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The WARP routes: communities, advisories, indicators and sightings. The
// sharing service applies TLP and the rights; these handlers read the
// request and word the answer. Whatever the caller may not see answers 404,
// exactly as what does not exist.

// warpFailed turns a WARP service error into a problem document: flagged
// indicators list what the warning lists said about each.
func (a *API) warpFailed(w http.ResponseWriter, r *http.Request, err error) {
	var flagged *sharing.WarningsError
	if errors.As(err, &flagged) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		writeBody(w, struct {
			Problem
			Flagged []sharing.Flagged `json:"flagged"`
		}{Problem{Type: "about:blank", Title: "Indicators look like false positives", Status: http.StatusUnprocessableEntity,
			Detail: flagged.Error() + `; send "allow_warnings": true to publish them anyway`,
			Errors: []FieldError{{Field: "indicators", Detail: "on a warning list"}}}, flagged.Flagged})
		return
	}
	a.changeFailed(w, r, err)
}

// limitOffset reads ?limit= (1 to max) and ?offset=.
func limitOffset(w http.ResponseWriter, q url.Values, max int) (limit, offset int, ok bool) {
	limit = 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > max {
			detail := "a whole number from 1 to " + strconv.Itoa(max)
			problem(w, http.StatusBadRequest, "Invalid query", "limit must be "+detail, FieldError{Field: "limit", Detail: detail})
			return 0, 0, false
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			problem(w, http.StatusBadRequest, "Invalid query", "offset must be a whole number, 0 or more", FieldError{Field: "offset", Detail: "0 or more"})
			return 0, 0, false
		}
		offset = n
	}
	return limit, offset, true
}

// warpCommunities lists the communities of the token's org (every one for
// an administrator's), with their members.
func (a *API) warpCommunities(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := a.warp.Communities(r.Context(), p)
	if err != nil {
		a.warpFailed(w, r, err)
		return
	}
	for i := range list {
		list[i].Members = nonNil(list[i].Members)
	}
	writeJSON(w, http.StatusOK, map[string]any{"communities": nonNil(list)})
}

// warpCommunity is one community the token's org belongs to.
func (a *API) warpCommunity(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	c, err := a.warp.Community(r.Context(), p, r.PathValue("slug"))
	if err != nil {
		a.warpFailed(w, r, err)
		return
	}
	c.Members = nonNil(c.Members)
	writeJSON(w, http.StatusOK, c)
}

// warpCreateCommunity makes a community: {"slug", "name", "description"}.
func (a *API) warpCreateCommunity(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var body struct{ Slug, Name, Description string }
	if !decode(w, r, &body) {
		return
	}
	c, err := a.warp.CreateCommunity(r.Context(), p, body.Slug, body.Name, body.Description)
	if err != nil {
		a.warpFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

// warpSetMember puts the {org} in the {slug} community; the optional body
// {"can_publish": false} makes it a reader only.
func (a *API) warpSetMember(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if _, err := a.warp.Community(r.Context(), p, r.PathValue("slug")); err != nil {
		a.warpFailed(w, r, err)
		return
	}
	var body struct {
		CanPublish *bool `json:"can_publish"`
	}
	if err := decodeOptional(r, &body); err != nil {
		problem(w, http.StatusBadRequest, "Unreadable JSON body", err.Error())
		return
	}
	canPublish := body.CanPublish == nil || *body.CanPublish
	if err := a.warp.SetMember(r.Context(), p, r.PathValue("slug"), r.PathValue("org"), canPublish, false); err != nil {
		a.memberFailed(w, r, err)
		return
	}
	a.warpCommunity(w, r, p)
}

// warpRemoveMember takes the {org} out of the {slug} community.
func (a *API) warpRemoveMember(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if _, err := a.warp.Community(r.Context(), p, r.PathValue("slug")); err != nil {
		a.warpFailed(w, r, err)
		return
	}
	if err := a.warp.SetMember(r.Context(), p, r.PathValue("slug"), r.PathValue("org"), false, true); err != nil {
		a.memberFailed(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// memberFailed answers 404 for an org in the path that does not exist (or
// is not a member, for a removal), as for any other path.
func (a *API) memberFailed(w http.ResponseWriter, r *http.Request, err error) {
	var bad *sharing.InvalidError
	if errors.As(err, &bad) && bad.Field == "org" {
		problem(w, http.StatusNotFound, "Not found", sentenceOf(bad.Message))
		return
	}
	a.warpFailed(w, r, err)
}

// writeBody writes a JSON document after its status and content type.
func writeBody(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// decodeOptional reads a JSON body strictly, if there is one.
func decodeOptional(r *http.Request, v any) error {
	err := decodeStrict(r.Body, v)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

func sentenceOf(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// advisoryIn reads the {id} of the path and finds the advisory, answering
// 404 for one the token may not see before anything else is read.
func (a *API) advisoryIn(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (sharing.AdvisoryDetail, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		problem(w, http.StatusNotFound, "Not found", "No advisory "+r.PathValue("id")+" that this token can see.")
		return sharing.AdvisoryDetail{}, false
	}
	d, err := a.warp.Advisory(r.Context(), p, id)
	if errors.Is(err, accounts.ErrNotFound) {
		problem(w, http.StatusNotFound, "Not found", "No advisory "+r.PathValue("id")+" that this token can see.")
		return d, false
	}
	if err != nil {
		a.warpFailed(w, r, err)
		return d, false
	}
	return d, true
}
