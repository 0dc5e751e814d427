package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The WARP routes: communities, advisories, indicators and sightings. The
// sharing service applies TLP and the rights; these handlers read the
// request and word the answer. Whatever the caller may not see answers 404,
// exactly as what does not exist.

// limitCursor reads ?limit= (1 to max, 100 when not given) and ?cursor=,
// the "next" of the page before; ?offset= is refused, since lists page by
// key.
func limitCursor(q url.Values, max int) (limit int, cur *keyset.Cursor, err error) {
	limit, bad := httpin.Limit(q, max)
	if bad != nil {
		return 0, nil, fault.Invalid(bad.Field, "%s", bad.Detail)
	}
	if q.Has("offset") {
		return 0, nil, fault.Invalid("offset", "the list pages by cursor: pass the answer's next as ?cursor=")
	}
	if limit == 0 {
		limit = 100
	}
	if v := q.Get("cursor"); v != "" {
		c, err := keyset.Decode(v)
		if err != nil {
			return 0, nil, fault.Invalid("cursor", "cursor is not one this list gave out")
		}
		cur = &c
	}
	return limit, cur, nil
}

// paged cuts a list read with one row over limit and adds to answer the
// cursor of the next page ("next"), absent on the last.
func paged[T any](answer map[string]any, field string, list []T, limit int, cur *keyset.Cursor, key func(T) keyset.Cursor) map[string]any {
	list, _, next := keyset.Trim(list, limit, cur, key)
	answer[field] = nonNil(list)
	if next != nil {
		answer["next"] = next.Encode()
	}
	return answer
}

// warpCommunities lists the communities of the token's org (every one for
// an administrator's), with their members.
func (a *API) warpCommunities(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := a.warp.Communities(r.Context(), p)
	if err != nil {
		a.fail(w, r, err)
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
		a.fail(w, r, err)
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
	a.reply(w, r, http.StatusCreated, c, err)
}

// warpSetMember puts the {org} in the {slug} community; the optional body
// {"can_publish": false} makes it a reader only.
func (a *API) warpSetMember(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if _, err := a.warp.Community(r.Context(), p, r.PathValue("slug")); err != nil {
		a.fail(w, r, err)
		return
	}
	var body struct {
		CanPublish *bool `json:"can_publish"`
	}
	if err := decodeOptional(r, &body); err != nil {
		badBody(w, err)
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
		a.fail(w, r, err)
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
	if bad := fault.As(err); bad != nil && bad.Kind == fault.KindInvalid && bad.Field == "org" {
		err = fault.NotFound("%s", bad.Message)
	}
	a.fail(w, r, err)
}

// writeBody writes a JSON document after its status and content type.
func writeBody(w http.ResponseWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// sentenceOf capitalises a message's first word for a problem's detail,
// unless that word is a name rather than a word (users.json, a path, an id).
func sentenceOf(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word = strings.TrimRight(word, ":,;")
	if word == "" || strings.TrimLeft(word, "abcdefghijklmnopqrstuvwxyz'-") != "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// advisoryIn reads the {id} of the path and finds the advisory, answering
// 404 for one the token may not see before anything else is read.
func (a *API) advisoryIn(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (warpsvc.AdvisoryDetail, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, fault.NotFound("no advisory %s that this token can see", r.PathValue("id")))
		return warpsvc.AdvisoryDetail{}, false
	}
	d, err := a.warp.Advisory(r.Context(), p, id)
	err = notFoundAs(err, "no advisory %s that this token can see", r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return d, false
	}
	return d, true
}
