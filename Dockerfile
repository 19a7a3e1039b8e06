# syntax=docker/dockerfile:1
# One image recipe for every app listed in deploy/apps.json; the build argument APP picks one:
#   docker build --build-arg APP=notes-api -t backend-roadmap/notes-api .
# The runtime stage holds only the app's deploy folder (compiled output + production dependencies,
# made by scripts/deploy-folder.sh), runs as the unprivileged node user under tini, and writes nowhere
# but /var/lib/roadmap, so it runs with a read-only root filesystem (docker run --read-only).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true npm_config_store_dir=/pnpm/store
WORKDIR /repo
# The pnpm version package.json pins, then the package store fetched from the lockfile alone: these
# layers are reused until the lockfile or the root manifests (and the pnpmfile) change, however the
# sources change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc .pnpmfile.cjs ./
RUN npm install --global --no-fund --no-audit "pnpm@$(node -p "require('./package.json').packageManager.split('@')[1]")"
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY . .
ARG APP
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile && \
    bash scripts/deploy-folder.sh "$APP" /out --offline

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install --yes --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /var/lib/roadmap \
  && chown node:node /var/lib/roadmap
ARG APP
# PORT is what the platform sets (Render, Railway); compose sets each app's own port.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 APP=${APP}
WORKDIR /app
# Owned by root and not writable by the node user: the app cannot change its own code.
COPY --from=build /out/ ./
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "."]
