# The go-heavy image: the CLI installed from this workspace's packages, tests in /tests (mounted,
# copied in by `go-heavy k8s`'s init container, or baked in by an image FROM this one), results
# written to /results. Runs as the non-root user `node` (uid 1000).
#
#   docker build -t go-heavy:0.1.0 .
#   docker run --rm -v "$PWD:/tests" -v "$PWD/results:/results" go-heavy:0.1.0 run shop --out /results/shop.json

# The Node 20 base of both stages. An argument so that a build without access to Docker Hub can
# name a local or mirrored image with the same layout (go-heavy's own test builds one from the
# host's Node; see docs/ci-and-kubernetes.md).
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: the workspace installed and built, then every published package packed as npm would.
FROM ${NODE_IMAGE} AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true
WORKDIR /src
COPY . .
# `prepare` builds every package (nx run-many -t build).
RUN npm ci --no-audit --no-fund \
 && mkdir /packs \
 && npm pack --silent --pack-destination /packs --workspace=packages --workspace=apps/cli

# Run: only the packed packages and their production dependencies.
FROM ${NODE_IMAGE}
# Workflows and heavy.config.ts in /tests import @go-heavy/core and @go-heavy/config: they
# resolve from the CLI's own install (go-heavy compiles them to CommonJS, which reads NODE_PATH).
ENV NODE_ENV=production NODE_PATH=/opt/go-heavy/node_modules
COPY --from=build /packs /tmp/packs
RUN mkdir -p /opt/go-heavy \
 && cd /opt/go-heavy \
 && npm init -y >/dev/null \
 && npm install --omit=dev --no-audit --no-fund /tmp/packs/*.tgz \
 && ln -s /opt/go-heavy/node_modules/.bin/go-heavy /usr/local/bin/go-heavy \
 && rm -rf /tmp/packs /root/.npm \
 && mkdir -p /tests /results \
 && chown node:node /tests /results
USER node
WORKDIR /tests
VOLUME ["/results"]
ENTRYPOINT ["go-heavy"]
CMD ["--help"]
