#!/usr/bin/env bash
# Regenerates the default prompts from prompts.txt with espeak-ng (Debian package espeak-ng) and sox: each text is
# spoken at 22050 Hz, resampled to 8000 Hz mono G.711 u-law, trimmed of leading and trailing silence and written to
# ../src/main/resources/assembly/etc/prompts/<language>/<name>.wav. The files are committed (see docs/decisions.md):
# run this only when a text changes, then commit the WAV files with it.
set -euo pipefail
cd "$(dirname "$0")"
command -v espeak-ng >/dev/null && command -v sox >/dev/null || { echo "needs espeak-ng and sox: apt-get install espeak-ng sox" >&2; exit 1; }
out=../src/main/resources/assembly/etc/prompts
declare -A voice=([en]=en-us [de]=de)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while IFS='|' read -r lang name text; do
  [[ -z "$lang" || "$lang" == \#* ]] && continue
  mkdir -p "$out/$lang"
  espeak-ng -v "${voice[$lang]}" -s 150 -w "$tmp/raw.wav" "$text"
  # -G guards against clipping in the rate change; silence trimmed at both ends (reverse, trim, reverse)
  sox -G "$tmp/raw.wav" -r 8000 -c 1 -e u-law -b 8 "$out/$lang/$name.wav" \
      silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.05 0.1
done < prompts.txt
echo "prompts written to $out: $(find "$out" -name '*.wav' | wc -l) files, $(du -sh "$out" | cut -f1)"
