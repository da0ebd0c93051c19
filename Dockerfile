# iranpak as a container: `docker build -t iranpak .`, then see the README's "Deploying".
# Three stages: build dist/ with the dev dependencies, install the production dependencies
# alone, and a runtime image with only those, dist/ and the knowledge folder, run as `node`.
# scripts/check-production-start.sh runs the same commands outside Docker.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# scripts/ before the install: its `prepare` (scripts/build.mjs --if-possible) finds no src/ yet
# and leaves the build to the step below.
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no production dependency has an install script, and the project's own
# `prepare` (the build) belongs to the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
# tini as PID 1: it passes SIGTERM on to the bot (node as PID 1 ignores it until the bot has
# installed its handler, so a stop while loading a large index would wait for SIGKILL) and
# reaps orphans.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  PORT=3000 \
  HEALTH_PORT=8080 \
  KNOWLEDGE_DIR=/app/knowledge \
  DATA_DIR=/data \
  LOG_FORMAT=json
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json and the build script: `npm start` works in the image too (its prestart finds no
# src/ to be newer than dist/ and builds nothing). The image's own command is plain node.
COPY package.json ./
COPY scripts/build.mjs scripts/bundle.mjs scripts/defer-bolt-receivers.mjs ./scripts/
COPY knowledge ./knowledge
# DATA_DIR (the persisted index, digest state, question log) belongs to the bot's user; mount a
# volume there to keep it across restarts.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
