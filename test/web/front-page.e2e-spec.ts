import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { createWebApp } from '../../apps/web/src/web-app.factory';

describe('web front page (e2e)', () => {
  let app: NestExpressApplication;
  let sctibs: TenantConfig;
  let gladsaxe: TenantConfig;

  beforeAll(async () => {
    app = await createWebApp({ logger: false });
    const registry = app.get(TenantRegistry);
    sctibs = registry.require('sctibs');
    gladsaxe = registry.require('gladsaxe');
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, host: string): request.Test => request(app.getHttpServer()).get(path).set('Host', host);

  it("renders Sct. Ibs' own page on its host", async () => {
    const response = await get('/', 'sctibs.localhost')
      .expect(200)
      .expect('Content-Type', /text\/html/);

    expect(response.text).toMatch(/^<!doctype html>\n<html lang="da">/);
    expect(response.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(response.text).toContain(sctibs.productName);
    expect(response.text).toContain(`--color-primary: ${sctibs.theme.primaryColor};`);
    expect(response.text).toContain('Kontakt skolen');
    expect(response.text).toContain('„Mine konti“');
    expect(response.text).not.toContain(gladsaxe.productName);
    expect(response.text).not.toContain(gladsaxe.theme.primaryColor);
    expect(response.text).not.toContain('Fjernsupport');
  });

  it("renders Gladsaxe's own page on its host, with the remote-support link", async () => {
    const response = await get('/', 'gladsaxekortet.localhost').expect(200);

    expect(response.text).toContain(`Velkommen til Gladsaxekortet`);
    expect(response.text).toContain(`--color-primary: ${gladsaxe.theme.primaryColor};`);
    expect(response.text).toContain('<a href="tel:+4571995445">7199 5445</a>');
    expect(response.text).toMatch(/<a class="button" href="https:\/\/[^"]+"[^>]*>Fjernsupport/);
    expect(response.text).toContain('Du logger ind med MitID.');
    expect(response.text).not.toContain(sctibs.productName);
    expect(response.text).not.toContain(sctibs.theme.primaryColor);
  });

  it('leads to the login and the sign-up, and promises nothing the portal does not do', async () => {
    const school = await get('/', 'sctibs.localhost').expect(200);
    expect(school.text).toMatch(/<a class="button button--primary" href="\/login">Log på med E-Mail<\/a>/);
    expect(school.text).toContain('<a href="/opret">Ny bruger? Opret dig her</a>');
    const city = await get('/', 'gladsaxekortet.localhost').expect(200);
    expect(city.text).toMatch(/<a class="button button--primary" href="\/auth\/oidc">Log på med MitID<\/a>/);
    expect(city.text).not.toContain('href="/opret"');
    for (const page of [school.text, city.text]) {
      expect(page).not.toMatch(/kommer snart|ved at blive bygget|åbner snart/);
      expect(page).not.toMatch(/<form/);
    }
  });

  it('answers in English when the visitor has chosen English, and offers the way back', async () => {
    const school = await get('/', 'sctibs.localhost').set('Cookie', 'kk.lang=en').expect(200);
    const city = await get('/', 'gladsaxekortet.localhost').set('Cookie', 'kk.lang=en').expect(200);

    expect(school.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(school.text).toContain(`<title>Front page – ${sctibs.productName}</title>`);
    expect(school.text).toContain(`Welcome to ${sctibs.productName}`);
    expect(school.text).toContain('“My accounts”');
    expect(school.text).toMatch(/<a class="button button--primary" href="\/login">Log in with email<\/a>/);
    expect(school.text).toContain('<a href="/opret">New user? Sign up here</a>');
    expect(school.text).toContain('Skip to content');
    expect(school.text).toContain('<a href="/sprog?l=da" lang="da">Dansk</a>');
    expect(city.text).toContain('You log in with MitID.');
    expect(city.text).toMatch(/<a class="button" href="https:\/\/[^"]+"[^>]*>Remote support/);
    expect(city.text).toContain('<dt>Phone</dt>');
    for (const page of [school.text, city.text]) {
      expect(page).not.toMatch(/Velkommen|Mine konti|Hjælp og kontakt|Log på/);
    }
  });

  it('offers English on the Danish front page', async () => {
    const response = await get('/', 'sctibs.localhost').expect(200);

    expect(response.text).toContain('<a href="/sprog?l=en" lang="en">English</a>');
  });

  it('accepts the Host header with a port and in any case', async () => {
    const response = await get('/', 'SCTIBS.localhost:3000').expect(200);

    expect(response.text).toContain(sctibs.productName);
  });

  it('answers an unknown host with a plain 404 page', async () => {
    const response = await get('/', 'unknown.localhost:3000')
      .expect(404)
      .expect('Content-Type', /text\/html/);

    expect(response.text).toContain('Siden findes ikke');
    expect(response.text).not.toContain(sctibs.productName);
    expect(response.text).not.toContain(gladsaxe.productName);
  });

  it('answers an unknown path on a tenant host with a themed 404 page', async () => {
    const response = await get('/no-such-page', 'gladsaxekortet.localhost').expect(404);

    expect(response.text).toContain('Siden findes ikke');
    expect(response.text).toContain(gladsaxe.theme.primaryColor);
  });

  it('answers an unknown path in English when English is chosen', async () => {
    const response = await get('/no-such-page', 'gladsaxekortet.localhost').set('Cookie', 'kk.lang=en').expect(404);

    expect(response.text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(response.text).toContain('<h1>Page not found</h1>');
    expect(response.text).toContain('or go to the <a href="/">front page</a>.');
    expect(response.text).not.toContain('Siden findes ikke');
  });

  it('keeps the plain 404 of an unknown host Danish, whatever the cookie', async () => {
    const response = await get('/', 'unknown.localhost:3000').set('Cookie', 'kk.lang=en').expect(404);

    expect(response.text).toContain('Siden findes ikke');
    expect(response.text).not.toContain('/sprog');
  });

  it.each(['sctibs.localhost', 'unknown.localhost', 'localhost:3000'])('reports health on %p', async (host) => {
    await get('/health', host).expect(200, { status: 'ok' });
  });

  it("serves each tenant's logo from its own theme folder", async () => {
    const sctibsLogo = await get('/theme/logo.svg', 'sctibs.localhost')
      .expect(200)
      .expect('Content-Type', /image\/svg\+xml/);
    const gladsaxeLogo = await get('/theme/logo.svg', 'gladsaxekortet.localhost').expect(200);

    expect(String(sctibsLogo.body)).toContain('Sct. Ibs');
    expect(String(gladsaxeLogo.body)).toContain('Gladsaxekortet');
  });

  it.each(['/theme/..%2Ftenant.yaml', '/theme/missing.svg', '/theme/%2E%2E%2F%2E%2E%2Fpackage.json'])(
    'does not serve %p',
    async (path) => {
      await get(path, 'sctibs.localhost').expect(404);
    },
  );

  it('serves the shared stylesheet', async () => {
    await get('/assets/site.css', 'sctibs.localhost')
      .expect(200)
      .expect('Content-Type', /text\/css/);
  });

  it('sends security headers, with a fresh style nonce per response', async () => {
    const first = await get('/', 'sctibs.localhost').expect(200);
    const second = await get('/', 'sctibs.localhost').expect(200);
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(first.headers['content-security-policy'])?.[1];

    expect(first.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect(first.headers['x-powered-by']).toBeUndefined();
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(nonce).toBeDefined();
    expect(first.text).toContain(`<style nonce="${nonce}">`);
    expect(second.headers['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
  });
});
