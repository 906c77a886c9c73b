# One image for the API, the projector and the `ledger` CLI (scale-out
# topology: docker-compose.yml). Node 22 LTS: Node 20 is past end of life.
# test/dockerfile.unit.spec.ts checks this file (no Docker engine in CI).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    LEDGER_DATA_DIR=/data \
    PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# `ledger verify|rebuild|export|backup|token …` runs the compiled CLI (no tsx
# in the image): docker compose exec api1 ledger verify
RUN printf '#!/bin/sh\nexec node /app/dist/apps/cli/src/main.js "$@"\n' > /usr/local/bin/ledger \
 && chmod 0755 /usr/local/bin/ledger \
 && mkdir -p /data && chown node:node /data && chmod 0700 /data
# The SQLite file and the generated secrets: keep them on a volume.
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness only: a store outage shows on /health/ready and must not get the
# container restarted. docker-compose.yml points the projector's at its metrics port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
