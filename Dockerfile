# syntax=docker/dockerfile:1
#
# One image per Pegamento service. The whole workspace is compiled once; APP picks the
# service the container runs:
#
#   docker build --build-arg APP=gateway-web -t registry.example.com/pegamento/gateway-web:0.1.0 .
#
# APP is one of: gateway-web, gateway-messaging, gateway-email, policy, ai-responder,
# handoff, crm-sync (one Kubernetes Deployment each) or standalone (all in one process,
# for a single host; not for Kubernetes). See docs/deploy-kubernetes.md.

# Node 24 LTS: the same major as package.json "engines" and the devDependency "node".
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, compile the workspace with tsc into dist/ -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# tsc emits .js only: the other files under */src/ (widget and console assets, templates,
# locale files) are copied into dist/ beside the code that loads them.
RUN npm run build \
 && find apps libs -path '*/src/*' -type f ! -name '*.ts' -exec cp --parents {} dist/ \;

# ---- deps: production dependencies only ----------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production \
    PORT=3000 \
    APP=${APP}
WORKDIR /app
# Everything stays owned by root and read-only to the process (user node): the
# container also runs with a read-only root filesystem on Kubernetes, /tmp excepted.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# register-paths resolves the @pegamento/* aliases from tsconfig.base.json into dist/.
COPY package.json tsconfig.base.json ./
COPY tools/runtime ./tools/runtime
# Fail the build early on a missing or unknown APP. Then make the one writable directory:
# DATA_DIR (./data) of the standalone process, where its embedded PostgreSQL lives (mount
# a volume on /app/data). Services on Kubernetes use DATABASE_URL and never write there.
RUN if [ -z "$APP" ] || [ ! -f "dist/apps/$APP/src/main.js" ]; then \
      echo "Build with --build-arg APP=<app>; dist/apps/$APP/src/main.js does not exist." >&2; exit 1; \
    fi \
 && mkdir -p data && chown node:node data
USER node
EXPOSE 3000
# Used by Docker and Compose; Kubernetes uses its own probes (k8s/).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec: node becomes PID 1 and receives SIGTERM itself (graceful shutdown).
CMD ["/bin/sh", "-c", "exec node -r ./tools/runtime/register-paths.cjs \"dist/apps/${APP}/src/main.js\""]
