/*
 * Ambiente de todo arquivo de teste: os portais simulados respondem em http://127.0.0.1, então o
 * http e o loopback ficam liberados (a lista de domínios de cada operadora continua valendo). Os
 * testes que provam a política sem essa liberação a desligam localmente.
 */
process.env.PORTAIS_LOCAIS_PERMITIDOS = 'true';
