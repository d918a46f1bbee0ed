#!/bin/sh
# check-docx-render.sh — render the Word export for a human to look at.
#
# Exports the example document (or a given .docx) to Word, converts it to
# PDF with LibreOffice and renders pages to PNG with pdftoppm, so merged
# cells, borders, column widths and Chinese fonts can be checked by eye.
# Not part of CI: it needs LibreOffice and poppler-utils
# (apt-get install -y libreoffice-writer-nogui poppler-utils).
#
# Usage: scripts/check-docx-render.sh [FILE.docx] [OUTDIR] [FIRST_PAGE] [LAST_PAGE]
#   Without FILE the example is imported into a temporary database and
#   exported with `jixiao export --format docx`. OUTDIR defaults to
#   ./render; pages default to 1–1 (page 1). The PNGs are OUTDIR/page-N.png.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
docx=${1:-}
out=${2:-render}
first=${3:-1}
last=${4:-$first}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in libreoffice pdftoppm; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "缺少 $tool：apt-get install -y libreoffice-writer-nogui poppler-utils" >&2
		exit 2
	}
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$docx" ]; then
	(cd "$root" && go build -o "$tmp/jixiao" ./cmd/jixiao)
	"$tmp/jixiao" import --db "$tmp/check.db" "$root/example/laoting-scjgj-2024.txt" >/dev/null
	docx="$tmp/example.docx"
	"$tmp/jixiao" export --db "$tmp/check.db" --format docx -o "$docx"
fi

# A private profile so a running LibreOffice of the user is not disturbed.
libreoffice -env:UserInstallation="file://$tmp/profile" --headless \
	--convert-to pdf --outdir "$tmp" "$docx" >/dev/null
pdf="$tmp/$(basename "${docx%.*}").pdf"
pdftoppm -png -r 80 -f "$first" -l "$last" "$pdf" "$out/page"
cp "$pdf" "$out/"
ls "$out"/page-*.png
