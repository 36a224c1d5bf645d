# Cohort's image: built in one stage (dependencies, the generated Prisma client, a type check),
# run from a second with production dependencies only, as the unprivileged "node" user.
# Build: docker build -t cohort .   Run: docker run -p 4000:4000 -e DATABASE_URL=postgres://… cohort
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# The plugin SDK and the segment query language are workspace packages: npm ci links them and builds them (postinstall).
COPY packages ./packages
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY plugins ./plugins
RUN npm run typecheck

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    COHORT_HOME=/data
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace packages, built in the build stage (their dist), for the workspace links.
COPY --from=build /app/packages ./packages
# Production dependencies only; the Prisma client was generated in the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/tsconfig.json ./
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src ./src
COPY --from=build /app/plugins ./plugins
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 4000
# Ready: the database answers and every migration is applied (GET /ready).
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
