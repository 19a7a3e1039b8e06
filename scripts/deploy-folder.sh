#!/usr/bin/env bash
# Builds one app of deploy/apps.json and writes its deploy folder: the compiled output and its
# production dependencies only (pnpm deploy --prod), with package.json's "main" set to the app's
# entry, so `node .` inside the folder starts it. The Dockerfile copies this folder into the image;
# .ci/run starts it outside Docker the same way.
#
#   bash scripts/deploy-folder.sh APP OUT_DIR [PNPM_DEPLOY_FLAG...]     e.g. blog /tmp/blog --offline
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: bash scripts/deploy-folder.sh APP OUT_DIR [PNPM_DEPLOY_FLAG...]" >&2
  exit 2
fi
app=$1 out=$2
shift 2
if [ -z "$app" ]; then
  echo "deploy-folder: name the app (docker build --build-arg APP=...): one of $(node scripts/lib/apps.mjs list | xargs)" >&2
  exit 2
fi
package=$(node scripts/lib/apps.mjs get "$app" package)
dir=$(node scripts/lib/apps.mjs get "$app" dir)
entry=$(node scripts/lib/apps.mjs get "$app" entry)

# tsc -b on the app's folder builds the shared packages it references first.
pnpm exec tsc -b "$dir"
rm -rf "$out"
# --legacy: the workspace links its packages (no inject-workspace-packages); files: [dist...] in each
# package.json keeps sources, tests and tooling out.
pnpm --filter "$package" deploy --legacy --prod "$@" "$out" >/dev/null
[ -f "$out/$entry" ] || {
  echo "deploy-folder: $app's entry $entry is missing from $out (is it built by tsc -b $dir?)" >&2
  exit 1
}
node -e '
  const fs = require("node:fs");
  const [file, entry] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...pkg, main: entry }, null, 2) + "\n");
' "$out/package.json" "$entry"
echo "deploy-folder: $app -> $out ($(du -sh "$out" | cut -f1))"
