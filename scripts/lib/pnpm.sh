# Sourced by the entry scripts: the pnpm version pinned in package.json, and the common first steps.
# shellcheck shell=bash
# (corepack fails its signature check for current pnpm on some machines, so npm installs it.)
ensure_pnpm() {
  local wanted
  wanted="$(node -p "require('./package.json').packageManager.split('@')[1]")"
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  echo "pnpm: installing pnpm@${wanted} with npm"
  if ! npm install --global --no-fund --no-audit "pnpm@${wanted}" >/dev/null 2>&1; then
    echo "pnpm: global install failed; using npx pnpm@${wanted}"
    pnpm() { npx --yes "pnpm@${wanted}" "$@"; }
  fi
}

# What every entry script does first: the pinned pnpm, dependencies from the lockfile, the services.
# The services start while pnpm installs (neither needs the other, and on a new machine both wait on
# downloads: the FerretDB build on Go modules, the install on npm); their lines follow pnpm's.
prepare_workspace() {
  ensure_pnpm
  mkdir -p .data
  bash scripts/services.sh >.data/services.out 2>&1 &
  local services=$! install=0 started=0
  pnpm install --frozen-lockfile || install=$?
  wait "$services" || started=$?
  cat .data/services.out
  [ "$install" -eq 0 ] || return "$install"
  return "$started"
}
