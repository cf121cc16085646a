#!/usr/bin/env bash
# bench/run.sh: docqa's throughput, memory and cold start on a deterministic
# corpus, with misspell and Vale side by side when they are installed.
#
#   bench/run.sh            full run: 2,000 .txt and 2,000 .md documents, a 50 MB file
#   bench/run.sh --small    a quick run on a small corpus (what .ci/run checks)
#   bench/run.sh --verify   the docqa verify rows alone, full size
#
# Needs Go and GNU time (/usr/bin/time). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

files=2000 large=50 coldruns=50 runs=3 only=
case "${1:-}" in
--small) files=50 large=1 coldruns=5 runs=1 ;;
--verify) only="docqa verify" ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/docqa-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/docqa" ./cmd/docqa
go run ./bench/corpus -out "$work/corpus" -files "$files" -large "$large"
docqa="$work/docqa"
empty="$work/empty.yaml"; : > "$empty"
timefmt='%e %M' # seconds, peak KB
: > "$work/rates"

bytes() { du -sb "$@" | awk '{s += $1} END {print s}'; }
nfiles() { find "$@" -type f | wc -l; }

# measure LABEL BYTES FILES CMD...: one row of the table, from the fastest
# of $runs runs of CMD (every tool alike), so that one slow run on a busy
# machine does not stand for the tool.
measure() {
	local label=$1 size=$2 count=$3; shift 3
	case "$label" in "$only"*) ;; *) return 0 ;; esac # --verify: its rows alone
	: > "$work/times"
	for _ in $(seq "$runs"); do
		if ! /usr/bin/time -f "$timefmt" -o "$work/time" "$@" > /dev/null 2> "$work/err"; then
			if [ "$(head -c 7 "$work/time")" = "Command" ]; then sed -i 1d "$work/time"; else cat "$work/err" >&2; fi
		fi
		cat "$work/time" >> "$work/times"
	done
	sort -n "$work/times" | head -n 1 > "$work/time"
	awk -v l="$label" -v b="$size" -v f="$count" '{ s = $1; kb = $2; if (s <= 0) s = 0.005
		printf "| %s | %.1f | %d | %.2f | %.1f | %.0f | %.0f |\n", l, b/1e6, f, s, b/1e6/s, f/s, kb/1024 }' "$work/time"
	awk -v l="$label" -v b="$size" '{ s = $1; if (s <= 0) s = 0.005; printf "%s\t%.3f\n", l, b/1e6/s }' "$work/time" >> "$work/rates"
}

# ratio A B: how many times faster run A is than run B, if both ran.
ratio() {
	awk -F '\t' -v a="$1" -v b="$2" '$1 == a {x = $2} $1 == b {y = $2}
		END { if (x > 0 && y > 0) printf "%s / %s: %.1f×\n", a, b, x/y }' "$work/rates"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(go version | cut -d' ' -f3)"
echo
echo "| run | MB | files | seconds | MB/s | files/s | peak MB |"
echo "|---|---|---|---|---|---|---|"
c="$work/corpus"
measure "docqa lint .txt (JSON)" "$(bytes "$c/txt")" "$(nfiles "$c/txt")" "$docqa" lint --format json --config "$empty" --fail-level never "$c/txt"
measure "docqa lint .md (JSON)" "$(bytes "$c/md")" "$(nfiles "$c/md")" "$docqa" lint --format json --config "$empty" --fail-level never "$c/md"
measure "docqa lint .txt (JSON and HTML report)" "$(bytes "$c/txt")" "$(nfiles "$c/txt")" "$docqa" lint --format json --format "html:$work/report.html" --config "$empty" --fail-level never "$c/txt"
if command -v chromium > /dev/null && [ -z "$only" ]; then
	# The HTML report of that run, loaded and painted by headless Chromium
	# (its start-up included): is a page of every finding usable?
	measure "chromium shows that report ($(du -m "$work/report.html" | cut -f1) MB)" "$(bytes "$work/report.html")" 1 \
		chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$work/chromium" --window-size=1280,1000 \
		--screenshot="$work/report.png" "file://$work/report.html"
fi
measure "docqa lint one ${large} MB .txt" "$(bytes "$c/large.txt")" 1 "$docqa" lint --format json --config "$empty" --fail-level never "$c/large.txt"
measure "cat .txt (the floor)" "$(bytes "$c/txt")" "$(nfiles "$c/txt")" sh -c "cat $c/txt/* > /dev/null"
measure "wc -w .txt" "$(bytes "$c/txt")" "$(nfiles "$c/txt")" sh -c "cat $c/txt/* | wc -w > /dev/null"
if command -v misspell > /dev/null; then
	measure "misspell .txt" "$(bytes "$c/txt")" "$(nfiles "$c/txt")" misspell "$c/txt"
fi
if command -v vale > /dev/null; then
	# Vale's own style: repetition and spelling, as close as it comes to docqa's.
	printf 'MinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Vale\n' > "$work/vale.ini"
	measure "vale .md" "$(bytes "$c/md")" "$(nfiles "$c/md")" vale --config "$work/vale.ini" --no-exit --output line "$c/md"
fi

# docqa diff on two 1 MB revisions, and docqa golden over unchanged documents.
head -c 1000000 "$c/large.txt" > "$work/old.txt"
sed -e 's/extent/scale/; s/40 people/14 people/; s/he said/she said/' "$work/old.txt" > "$work/new.txt"
measure "docqa diff, two 1 MB revisions" 2000000 2 "$docqa" diff --config "$empty" --fail-level never "$work/old.txt" "$work/new.txt"
mkdir -p "$work/g" && cp -r "$c/txt" "$work/g/txt"
(cd "$c" && measure "docqa golden, unchanged .txt" "$(bytes txt)" "$(nfiles txt)" "$docqa" golden --config "$empty" --golden-dir "$work/g" txt)

# docqa verify: one article, then 2,000, against the large file cut
# into sources of 10 KB (5,000 of them, 50 MB, in a full run); the article
# quotes 25 passages of the sources, cut short.
mkdir -p "$work/sources" "$work/articles"
split -C 10000 -d -a 5 "$c/large.txt" "$work/sources/s"
for f in "$work"/sources/s*; do mv "$f" "$f.txt"; done
awk 'NR % 150 == 0 && length($0) > 200 { n++; s = substr($0, 1, 300); sub(/ [^ ]*$/, "", s); gsub(/“|”|"/, "", s)
	print "Officials said: “" s ",” the report said.\n"; if (n == 25) exit }' "$c/large.txt" > "$work/article.txt"
articles=2000
if [ "$large" -lt 50 ]; then articles=20; fi
for i in $(seq -w 1 "$articles"); do cp "$work/article.txt" "$work/articles/a$i.txt"; done
measure "docqa verify, 1 article, sources" "$(bytes "$work/sources")" "$(nfiles "$work/sources")" "$docqa" verify --config "$empty" --fail-level never "$work/article.txt" --sources "$work/sources"
measure "docqa verify, $articles articles, sources" "$(bytes "$work/sources")" "$(nfiles "$work/sources")" "$docqa" verify --config "$empty" --fail-level never "$work/articles" --sources "$work/sources"
if [ -n "$only" ]; then exit 0; fi

echo
ratio "docqa lint .txt (JSON)" "misspell .txt"
ratio "docqa lint .md (JSON)" "vale .md"
ratio "docqa lint .txt (JSON)" "wc -w .txt"

# Cold start: the process start included, the mean of many runs (GNU
# time's 10 ms resolution is too coarse), beside what merely starting docqa
# and starting any process cost on this machine.
coldstart() { # LABEL CMD...
	local label=$1 t0 t1
	shift
	t0=$(date +%s%N)
	for _ in $(seq "$coldruns"); do "$@" > /dev/null 2>&1 || true; done
	t1=$(date +%s%N)
	awk -v l="$label" -v n="$coldruns" -v d="$((t1 - t0))" 'BEGIN {printf "| %s | %.1f |\n", l, d / n / 1e6}'
}
article=testdata/article.txt
echo
echo "| cold start (mean of $coldruns runs) | ms |"
echo "|---|---|"
coldstart "docqa lint of one $(bytes $article)-byte article" "$docqa" lint --config "$empty" --fail-level never "$article"
coldstart "docqa version (start-up alone)" "$docqa" version
coldstart "/bin/true (starting any process)" /bin/true
