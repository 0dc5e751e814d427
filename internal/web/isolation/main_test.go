package isolation_test

import (
	"os"
	"testing"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }
