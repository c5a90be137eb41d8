import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';

let strapi: Core.Strapi;
beforeAll(async () => { strapi = await iniciarStrapi(); });
afterAll(encerrarStrapi);

test('sobe e responde ao /_health', async () => {
  await request(strapi.server.httpServer).get('/_health').expect(204);
});
