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
prepare_workspace() {
  ensure_pnpm
  pnpm install --frozen-lockfile
  bash scripts/services.sh
}
