package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// The survey pages answer the links in a caller's survey mail: nobody signs
// in, the token in the path is the only credential. The first score given
// is kept; the comment form posts back to the same path, so it carries the
// token, and the server's cross-origin protection refuses a post from
// another site as it does for every form.

type surveyData struct {
	Token   string
	Answer  desksvc.SurveyAnswer
	Scores  []scoreLink
	Thanked bool // the comment was just saved
	Comment string
}

type scoreLink struct {
	Score int
	Label string
}

func scoreLinks() []scoreLink {
	var out []scoreLink
	for i := len(desk.SurveyScores) - 1; i >= 0; i-- {
		out = append(out, scoreLink{desk.SurveyScores[i], desk.ScoreLabel(desk.SurveyScores[i])})
	}
	return out
}

// surveyAnswer records the score the link carries (?score=N) and offers the
// comment form; without a score it offers the five scores as links.
func (s *Server) surveyAnswer(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	d := surveyData{Token: token, Scores: scoreLinks()}
	raw := r.URL.Query().Get("score")
	if raw == "" {
		s.render(w, r, nil, http.StatusOK, "survey", page{Data: d})
		return
	}
	score, err := strconv.Atoi(raw)
	if err != nil {
		score = 0 // refused by the service as any score out of range
	}
	d.Answer, err = s.desk.AnswerSurvey(r.Context(), token, score, s.clientIP(r))
	if err != nil {
		s.surveyRefused(w, r, err)
		return
	}
	s.render(w, r, nil, http.StatusOK, "survey", page{Data: d})
}

// surveyComment keeps the caller's comment on a scored survey.
func (s *Server) surveyComment(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	_ = r.ParseForm()
	comment := r.PostFormValue("comment")
	a, err := s.desk.CommentOnSurvey(r.Context(), token, comment)
	if f := fault.As(err); f != nil && f.Kind == fault.KindInvalid && f.Field == "comment" {
		d := surveyData{Token: token, Comment: comment, Answer: desksvc.SurveyAnswer{CanComment: true}}
		s.render(w, r, nil, http.StatusUnprocessableEntity, "survey", page{Errors: []fieldError{fieldOn(f, "comment")}, Data: d})
		return
	}
	if err != nil {
		s.surveyRefused(w, r, err)
		return
	}
	s.render(w, r, nil, http.StatusOK, "survey", page{Data: surveyData{Token: token, Answer: a, Thanked: true}})
}

// surveyRefused answers a link that cannot be used: unknown, expired, or
// for a reopened ticket, each in words a caller understands.
func (s *Server) surveyRefused(w http.ResponseWriter, r *http.Request, err error) {
	f := fault.As(err)
	switch {
	case f == nil:
		s.serverError(w, r, err)
	case f.Kind == fault.KindNotFound:
		s.errorPage(w, r, http.StatusNotFound, fullSentence(f.Message))
	case f.Kind == fault.KindConflict:
		s.errorPage(w, r, http.StatusGone, fullSentence(f.Message))
	default:
		s.errorPage(w, r, http.StatusBadRequest, fullSentence(f.Message))
	}
}
