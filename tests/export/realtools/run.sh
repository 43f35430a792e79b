#!/usr/bin/env bash
# Check archassist's exports with real programs (not run by pytest). See README.md.
#   bash tests/export/realtools/run.sh [OUT_DIR] [EXAMPLE ...]
# Needs: librsvg2-bin, poppler-utils, chromium (Debian), node + npm; installs the npm packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/tmp/archassist-realtools}"
shift || true
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

for tool in rsvg-convert pdfinfo pdftoppm pdffonts chromium node npm; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool: apt-get update && apt-get install -y librsvg2-bin poppler-utils chromium nodejs npm"
    exit 2
  }
done
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-audit --no-fund)

rm -rf "$out" && mkdir -p "$out"
python3 "$here/gen.py" "$out" "$@"

fail=0
# SVG -> PNG with librsvg: it must accept every file and give the size the SVG declares
for svg in "$out"/*.svg; do
  png="${svg%.svg}.rsvg.png"
  if ! rsvg-convert "$svg" -o "$png" 2>"$png.err"; then
    echo "FAIL rsvg-convert $(basename "$svg"): $(cat "$png.err")"; fail=1; continue
  fi
  if [ -s "$png.err" ]; then echo "FAIL rsvg-convert warned on $(basename "$svg"): $(cat "$png.err")"; fail=1; fi
  rm -f "$png.err"
  echo "ok   rsvg-convert $(basename "$svg") -> $(python3 -c "
import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$png")"
done
# PDF: one page, vector text (base-14 fonts, or embedded ones from the Qt fallback), rasterised by poppler to look at
for pdf in "$out"/*.pdf; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')
  fonts=$(pdffonts "$pdf" | tail -n +3 | wc -l)
  if [ "$pages" != 1 ] || [ "$fonts" -lt 1 ]; then
    echo "FAIL $(basename "$pdf"): $pages page(s), $fonts font(s)"; fail=1; continue
  fi
  pdftoppm -r 100 -png -singlefile "$pdf" "${pdf%.pdf}.poppler"
  echo "ok   pdfinfo/pdftoppm $(basename "$pdf"): 1 page, $size, $fonts font(s)"
done
# Chromium: SVG as a page, draw.io via mxGraph's mxCodec, Mermaid, the HTML report
node "$here/check.mjs" "$out" || fail=1

echo
echo "look at: $out/*.png (Qt: NAME.png, librsvg: NAME.rsvg.png, Chromium: NAME.chromium.png,"
echo "         PDF: NAME.poppler.png, draw.io: NAME.mxgraph.png, Mermaid: NAME.mermaid.png,"
echo "         report: NAME.report.png)"
[ "$fail" = 0 ] && echo "all real-program checks passed" || { echo "SOME CHECKS FAILED"; exit 1; }
