#!/usr/bin/env bash
# bench/hostile.sh: time and peak memory of docqa on hostile inputs (issue 5):
# a 100 MB file of one line, 1,000,000 short paragraphs, 10,000 nested,
# unclosed or reopened quotation marks, 10,000 quotations in one sentence.
# Too slow for go test, which runs small versions
# (cmd/docqa/badinput_test.go).
#
#   bench/hostile.sh          the sizes of the issue
#   bench/hostile.sh --small  a tenth of them
#
# Needs Go, awk and GNU time (/usr/bin/time). Prints a Markdown table: the
# peak resident set in MB and as a multiple of the file's size (the empty
# file gives docqa's own baseline, which dominates the small files).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1
if [ "${1:-}" = "--small" ]; then scale=10; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/docqa-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/docqa" ./cmd/docqa
docqa="$work/docqa"
empty="$work/empty.yaml"; : > "$empty"
mb=$((100 / scale)) paras=$((1000000 / scale)) quotes=10000

# The inputs.
set +o pipefail # yes ends on SIGPIPE
yes 'The report was published on Tuesday, and the ministry said nothing.' |
	head -c $((mb * 1024 * 1024)) | tr '\n' ' ' > "$work/one-line.txt"
yes 'The report was published on Tuesday, and the the ministry said nothing.' |
	head -c $((mb * 1024 * 1024)) | tr '\n' ' ' > "$work/one-line-findings.txt"
set -o pipefail
echo >> "$work/one-line.txt"
echo >> "$work/one-line-findings.txt"
: > "$work/empty.txt" # the baseline: docqa itself
awk -v n="$paras" 'BEGIN { for (i = 0; i < n; i++) printf "Paragraph %d is short.\n\n", i }' > "$work/paragraphs.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "“"; printf "deep"; for (i = 0; i < n; i++) printf "”"; print "" }' > "$work/nested.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "He said “never "; print "" }' > "$work/unclosed-one-paragraph.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "“Paragraph %d opens a quotation.\n\n", i }' > "$work/unclosed-paragraphs.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "\"‘“'"'"'"; print "" }' > "$work/mixed-marks.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "“We will go. “Then "; print "" }' > "$work/reopened.txt"
awk -v n="$quotes" 'BEGIN { for (i = 0; i < n; i++) printf "“We will stay here and fight on” "; print "." }' > "$work/quotes-one-sentence.txt"

echo "| input | size | time | peak RSS | RSS / size | exit | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for f in empty one-line one-line-findings paragraphs nested unclosed-one-paragraph unclosed-paragraphs mixed-marks reopened quotes-one-sentence; do
	in="$work/$f.txt"
	size=$(stat -c %s "$in")
	status=0
	/usr/bin/time -f '%e %M' -o "$work/time" "$docqa" lint --config "$empty" "$in" > "$work/out" 2> "$work/err" || status=$?
	if [ "$status" -gt 1 ]; then cat "$work/err" >&2; fi
	if [ "$(head -c 7 "$work/time")" = "Command" ]; then sed -i 1d "$work/time"; fi
	read -r secs kb < "$work/time"
	awk -v f="$f" -v size="$size" -v secs="$secs" -v kb="$kb" -v st="$status" -v n="$(wc -l < "$work/out")" 'BEGIN {
		printf "| %s | %.1f MB | %.2f s | %.0f MB | %.1f× | %d | %d |\n", f, size / 1048576, secs, kb / 1024, (size ? kb * 1024 / size : 0), st, n }'
done
