package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/web/static"
)

func staticHandler() http.Handler { return static.Handler() }
