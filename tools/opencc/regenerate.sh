#!/usr/bin/env bash
# Regenerates src/Core/Resources/opencc/ (TSCharacters.txt, TSPhrases.txt, ATTRIBUTION.md) from Debian's OpenCC data,
# the dictionaries behind OpenCC's t2s conversion that ChineseText.ToSimplified applies. The text export keeps the data
# reviewable in diffs and readable without a native OpenCC library at run time.
# Usage (from anywhere): bash tools/opencc/regenerate.sh
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OCD2_DIR="${OPENCC_DATA_DIR:-/usr/share/opencc}"
OUTPUT="$REPO/src/Core/Resources/opencc"
DICTS=(TSCharacters TSPhrases)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

data_present() {
  local d
  command -v opencc_dict >/dev/null || return 1
  for d in "${DICTS[@]}"; do
    [[ -f "$OCD2_DIR/$d.ocd2" ]] || return 1
  done
}

if ! data_present; then
  echo "OpenCC tool or dictionaries missing; installing opencc libopencc-data" >&2
  # update first: a fresh container has no package lists
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends opencc libopencc-data
  data_present || { echo "opencc_dict or $OCD2_DIR/{${DICTS[*]}}.ocd2 still missing" >&2; exit 1; }
fi

VERSION="$(dpkg-query -W -f='${Version}' libopencc-data)"
mkdir -p "$OUTPUT"
for d in "${DICTS[@]}"; do
  # Format: traditional<TAB>simplified[ alternative…]; ChineseText uses the first candidate, as OpenCC does.
  opencc_dict -i "$OCD2_DIR/$d.ocd2" -o "$OUTPUT/$d.txt" -f ocd2 -t text
done

cat > "$OUTPUT/ATTRIBUTION.md" <<MD
# OpenCC dictionaries

\`TSCharacters.txt\` and \`TSPhrases.txt\` are the traditional → simplified dictionaries of
[OpenCC](https://github.com/BYVoid/OpenCC) (Open Chinese Convert), the pair its \`t2s.json\` configuration chains.
They were exported from Debian's \`libopencc-data\` $VERSION (\`/usr/share/opencc/*.ocd2\`) with
\`opencc_dict -f ocd2 -t text\` by \`tools/opencc/regenerate.sh\`; do not edit them by hand.

Copyright 2010-2022 BYVoid <byvoid.kcp@gmail.com> and OpenCC contributors.

Licensed under the Apache License, Version 2.0 (the "License"); you may not use these files except in compliance
with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on
an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the
specific language governing permissions and limitations under the License.
MD

wc -l "$OUTPUT"/*.txt
echo "OpenCC $VERSION dictionaries written to $OUTPUT"
