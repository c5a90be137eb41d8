# syntax=docker/dockerfile:1
# Três estágios: `compilacao` (tudo, com as dependências de desenvolvimento) e duas imagens de
# execução enxutas — `strapi` (servidor + admin compilado, sem Chromium nem Selenium) e `worker`
# (robôs com Chromium e ChromeDriver do Debian, sem o admin). Ambas com NODE_ENV=production e o
# usuário `node`, sem privilégios. O cache do npm fica fora das camadas (BuildKit). O ensaio de
# produção (npm run ensaio-producao) roda estes RUN.
FROM node:24-bookworm-slim AS compilacao
WORKDIR /app
COPY package.json package-lock.json ./
COPY pacotes/contrato/package.json pacotes/contrato/
COPY worker-rpa/package.json worker-rpa/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run compilar

FROM node:24-bookworm-slim AS strapi
ENV NODE_ENV=production
# pdftotext (poppler-utils): a conferência fiscal lê o texto de cada fatura que chega.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    poppler-utils \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Sem o package.json do worker: o npm ci não instala o Selenium nem as dependências dos robôs.
COPY pacotes/contrato/package.json pacotes/contrato/
RUN --mount=type=cache,target=/root/.npm \
  npm ci --omit=dev --no-audit --no-fund --include-workspace-root --workspace=@orquestrador-rpa/contrato
COPY --from=compilacao /app/pacotes/contrato/dist pacotes/contrato/dist
COPY --from=compilacao /app/dist dist
COPY --from=compilacao /app/src/plugins/orquestrador-rpa/package.json src/plugins/orquestrador-rpa/package.json
COPY --from=compilacao /app/src/plugins/orquestrador-rpa/dist src/plugins/orquestrador-rpa/dist
COPY public public
COPY favicon.png tsconfig.json ./
COPY scripts/rotacionar-chave.js scripts/
RUN mkdir -p armazenamento-privado .tmp public/uploads && chown -R node:node armazenamento-privado .tmp public/uploads
USER node
EXPOSE 1337
CMD ["node", "node_modules/@strapi/strapi/bin/strapi.js", "start"]

FROM node:24-bookworm-slim AS worker
ENV NODE_ENV=production
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium chromium-driver qpdf fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY pacotes/contrato/package.json pacotes/contrato/
COPY worker-rpa/package.json worker-rpa/
RUN --mount=type=cache,target=/root/.npm \
  npm ci --omit=dev --no-audit --no-fund --workspace=worker-rpa --workspace=@orquestrador-rpa/contrato
COPY --from=compilacao /app/pacotes/contrato/dist pacotes/contrato/dist
COPY --from=compilacao /app/worker-rpa/dist worker-rpa/dist
USER node
CMD ["node", "worker-rpa/dist/src/index.js"]
