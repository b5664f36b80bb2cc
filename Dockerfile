# The server alone; Neo4j comes from NEO4J_URI (see docker-compose.yml).
FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
# The pages' build (`prepare`) needs explorer/, copied below: it runs once the sources are in.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY server server
COPY schema schema
COPY services services
COPY cypher cypher
COPY model model
COPY fixtures fixtures
COPY explorer explorer
COPY tsconfig.json ./
RUN npm run build:web
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
USER node
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4000/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "server/main.ts"]
