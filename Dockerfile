# syntax=docker/dockerfile:1
# One image recipe for every project: docker build --build-arg PROJECT=notes-api -t roadmap/notes-api .
# PROJECT is the package name without @roadmap/ (notes-api, movie-booking, auth-service, blog).
FROM node:20-bookworm-slim AS build
RUN npm install --global --no-fund --no-audit pnpm@10.34.8
WORKDIR /repo
# Manifests first, so the dependency layer is reused until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY shared/core/package.json shared/core/
COPY shared/auth/package.json shared/auth/
COPY shared/testing/package.json shared/testing/
COPY projects/01-notes-api/package.json projects/01-notes-api/
COPY projects/02-movie-booking/package.json projects/02-movie-booking/
COPY projects/03-auth-service/package.json projects/03-auth-service/
COPY projects/04-blog/package.json projects/04-blog/
RUN pnpm install --frozen-lockfile
COPY tsconfig.base.json tsconfig.json ./
COPY shared shared
COPY projects projects
RUN pnpm build

FROM build AS runtime
ARG PROJECT
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PROJECT=${PROJECT}
# The image keeps the build stage's node_modules (simple and reproducible from the lockfile);
# the process runs as the unprivileged node user and writes only to /var/lib/roadmap.
RUN mkdir -p /var/lib/roadmap/uploads /var/lib/roadmap/keys && chown -R node:node /var/lib/roadmap
USER node
WORKDIR /repo
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node projects/$(ls projects | grep -- \"-${PROJECT}$\")/dist/server.js"]
