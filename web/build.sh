#!/usr/bin/env bash
# Builds ward's front-end assets from npm into internal/web/static, which is
# committed and embedded in the Go binary: ward makes no network requests for
# assets at run time. Re-run after changing src/ or bumping govuk-frontend.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
out=../internal/web/static
gf=node_modules/govuk-frontend
dist=$gf/dist/govuk

if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

mkdir -p "$out"

# --quiet-deps hides govuk-frontend's own @import deprecation warnings; ours
# would still show.
npx --no-install sass --pkg-importer=node --style=compressed --no-source-map \
  --quiet-deps src/ward.scss "$out/ward.css"

cp "$dist/govuk-frontend.min.js" "$out/govuk-frontend.min.js"

# Only the image the CSS itself names, and ward's own icon. No fonts/ (GDS
# Transport is not licensed for ward), and none of the crown favicons, app
# icons or manifest: the crown is GOV.UK's alone.
rm -rf "$out/assets"
mkdir -p "$out/assets/images"
cp "$dist/assets/images/govuk-crest.svg" "$out/assets/images/"
cp src/ward-icon.svg "$out/assets/images/ward-icon.svg"

# The npm tarball has no LICENSE file (5.x); fall back to the upstream
# LICENSE.txt kept in licenses/.
lic=$(find "$gf" -maxdepth 1 -iname 'licen[cs]e*' -print -quit)
cp "${lic:-licenses/govuk-frontend.txt}" "$out/LICENSE-govuk-frontend.txt"

# Guard: the CSS must not pull a font or anything from the network.
css=$out/ward.css
echo "checking $css"
if grep -Eio 'gds[- ]transport|fonts/|@font-face' "$css"; then
  echo "error: ward.css references GDS Transport or a font file" >&2
  exit 1
fi
if grep -Eio 'url\(["'\'']?(https?:)?//[^)]*\)' "$css"; then
  echo "error: ward.css loads something from another origin" >&2
  exit 1
fi
echo "url() references:"
grep -Eo 'url\([^)]*\)' "$css" | sort | uniq -c
echo "http(s):// mentions (expected: only print-style [href^=...] selectors):"
grep -Eo '.{0,12}https?://.{0,3}' "$css" || true

echo "built into $out:"; (cd "$out" && find . -type f ! -name '*.go' ! -name app.js | sort)
