import { findTestCitizen, TEST_CITIZEN_SUBS, TEST_CITIZENS } from '../../apps/idp-sim/src/test-citizens';
import { TestBrowser } from './oidc-test-browser';
import { cprBody, TestRelyingParty, type PlainResponse } from './test-relying-party';

const EXCEEDED = { errorMessage: 'Cpr Match exceeded. Only 3 tries is allowed within a session.' };
const MISSING_CPR = { errorMessage: 'Missing Cpr parameter' };

jest.setTimeout(60_000);

/** The test citizen's CPR number; a test about CPR numbers cannot use a citizen without one. */
function cprOf(sub: string): string {
  const cpr = findTestCitizen(sub)?.cpr;
  if (cpr === undefined) throw new Error(`test citizen ${sub} has no CPR number`);
  return cpr;
}

function bearer(accessToken: string): string {
  return `Bearer ${accessToken}`;
}

function json(response: PlainResponse): unknown {
  return JSON.parse(response.body);
}

describe('MitID broker stand-in: the CPR number only on the broker’s word', () => {
  let rp: TestRelyingParty;

  beforeAll(async () => {
    rp = await TestRelyingParty.start();
  });

  afterAll(async () => {
    await rp?.stop();
  });

  describe('the test citizens', () => {
    it('include one without a CPR number, and four with distinct ten-digit CPR numbers', () => {
      const withCpr = TEST_CITIZENS.filter((citizen) => citizen.cpr !== undefined);
      expect(withCpr.map((citizen) => citizen.sub).sort()).toEqual(
        [
          TEST_CITIZEN_SUBS.metteSorensen,
          TEST_CITIZEN_SUBS.larsPedersen,
          TEST_CITIZEN_SUBS.hanneChristensen,
          TEST_CITIZEN_SUBS.nyBorger,
        ].sort(),
      );
      expect(withCpr.every((citizen) => /^\d{10}$/.test(citizen.cpr ?? ''))).toBe(true);
      expect(new Set(withCpr.map((citizen) => citizen.cpr)).size).toBe(withCpr.length);
      const jonas = findTestCitizen(TEST_CITIZEN_SUBS.jonasBerg);
      expect(jonas?.name).toBe('Jonas Berg');
      expect(jonas?.cpr).toBeUndefined();
    });

    it('are listed on the login page, with no CPR number on it', async () => {
      const page = await new TestBrowser(rp.redirectUri).get(rp.authorizationUrl({ scope: 'openid', state: 's' }));
      expect(page.status).toBe(200);
      expect(page.body).toContain('Jonas Berg');
      expect(page.body).toContain(`value="${TEST_CITIZEN_SUBS.jonasBerg}"`);
      const cprs = TEST_CITIZENS.flatMap((citizen) => (citizen.cpr ? [citizen.cpr] : []));
      expect(cprs).toHaveLength(4);
      const shown = cprs.filter((cpr) => page.body.includes(cpr) || page.body.includes(`${cpr.slice(0, 6)}-`));
      expect(shown).toHaveLength(0);
    });
  });

  describe('claim mode (public-sector service providers)', () => {
    it('puts dk.cpr in the ID token and userinfo for the ssn scope', async () => {
      const login = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid mitid ssn');
      expect(login.idToken['dk.cpr'] === cprOf(TEST_CITIZEN_SUBS.metteSorensen)).toBe(true);
      const userinfo = await rp.userinfo(login.accessToken);
      expect(userinfo.sub).toBe(TEST_CITIZEN_SUBS.metteSorensen);
      expect(userinfo['dk.cpr'] === cprOf(TEST_CITIZEN_SUBS.metteSorensen)).toBe(true);
    });

    it('gives no CPR number, in any claim, without the ssn scope', async () => {
      const cpr = cprOf(TEST_CITIZEN_SUBS.metteSorensen);
      const login = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid profile mitid');
      const userinfo = await rp.userinfo(login.accessToken);
      for (const claims of [login.idToken, userinfo]) {
        expect(claims.sub).toBe(TEST_CITIZEN_SUBS.metteSorensen);
        expect('dk.cpr' in claims).toBe(false);
        expect(JSON.stringify(claims).includes(cpr)).toBe(false);
      }
    });

    it('reports mitid.has_cpr per citizen, and gives a citizen without CPR no dk.cpr even for ssn', async () => {
      const mette = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid mitid');
      expect(mette.idToken['mitid.has_cpr']).toBe(true);
      expect(mette.idToken['mitid.uuid']).toBe(findTestCitizen(TEST_CITIZEN_SUBS.metteSorensen)?.mitidUuid);

      const jonas = await rp.logIn(TEST_CITIZEN_SUBS.jonasBerg, 'openid profile mitid ssn');
      expect(jonas.idToken).toMatchObject({ sub: TEST_CITIZEN_SUBS.jonasBerg, name: 'Jonas Berg' });
      expect(jonas.idToken['mitid.has_cpr']).toBe(false);
      expect(jonas.idToken['mitid.uuid']).toBe(findTestCitizen(TEST_CITIZEN_SUBS.jonasBerg)?.mitidUuid);
      expect('dk.cpr' in jonas.idToken).toBe(false);
      const userinfo = await rp.userinfo(jonas.accessToken);
      expect(userinfo['mitid.has_cpr']).toBe(false);
      expect('dk.cpr' in userinfo).toBe(false);
    });
  });

  describe('CPR-match mode (private service providers, NEB’s MitID CPR Match API)', () => {
    it('is not in the discovery document, and the access token lives 15 minutes', async () => {
      expect(JSON.stringify(rp.discovery)).not.toMatch(/matchCpr/i);
      const login = await rp.logIn(TEST_CITIZEN_SUBS.larsPedersen, 'openid mitid');
      expect(login.expiresIn).toBe(900);
    });

    it('answers true for the CPR of the citizen who logged in, with or without a hyphen', async () => {
      const cpr = cprOf(TEST_CITIZEN_SUBS.metteSorensen);
      const { accessToken } = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid mitid');
      const plain = await rp.matchCpr(bearer(accessToken), cprBody(cpr));
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
      expect(json(plain)).toEqual({ cprNumberMatch: true });
      const hyphenated = await rp.matchCpr(bearer(accessToken), cprBody(`${cpr.slice(0, 6)}-${cpr.slice(6)}`));
      expect(json(hyphenated)).toEqual({ cprNumberMatch: true });
    });

    it('counts true and false alike and refuses the fourth call of one login', async () => {
      const { accessToken } = await rp.logIn(TEST_CITIZEN_SUBS.larsPedersen, 'openid mitid');
      const answers: unknown[] = [];
      for (const sub of [TEST_CITIZEN_SUBS.metteSorensen, TEST_CITIZEN_SUBS.hanneChristensen]) {
        answers.push(json(await rp.matchCpr(bearer(accessToken), cprBody(cprOf(sub)))));
      }
      answers.push(json(await rp.matchCpr(bearer(accessToken), cprBody(cprOf(TEST_CITIZEN_SUBS.larsPedersen)))));
      expect(answers).toEqual([{ cprNumberMatch: false }, { cprNumberMatch: false }, { cprNumberMatch: true }]);

      const fourth = await rp.matchCpr(bearer(accessToken), cprBody(cprOf(TEST_CITIZEN_SUBS.larsPedersen)));
      expect(fourth.status).toBe(400);
      expect(json(fourth)).toEqual(EXCEEDED);
      expect((await rp.matchCpr(bearer(accessToken), cprBody(cprOf(TEST_CITIZEN_SUBS.larsPedersen)))).status).toBe(400);
    });

    it('gives a second MitID login of the same citizen its own three tries', async () => {
      const cpr = cprOf(TEST_CITIZEN_SUBS.hanneChristensen);
      const first = await rp.logIn(TEST_CITIZEN_SUBS.hanneChristensen, 'openid mitid');
      const second = await rp.logIn(TEST_CITIZEN_SUBS.hanneChristensen, 'openid mitid');
      expect(second.accessToken).not.toBe(first.accessToken);
      for (let call = 0; call < 3; call++) {
        expect((await rp.matchCpr(bearer(first.accessToken), cprBody(cpr))).status).toBe(200);
      }
      expect((await rp.matchCpr(bearer(first.accessToken), cprBody(cpr))).status).toBe(400);
      for (let call = 0; call < 3; call++) {
        expect(json(await rp.matchCpr(bearer(second.accessToken), cprBody(cpr)))).toEqual({ cprNumberMatch: true });
      }
      expect(json(await rp.matchCpr(bearer(second.accessToken), cprBody(cpr)))).toEqual(EXCEEDED);
    });

    it('answers 401 with an empty body without an access token this broker issued', async () => {
      const login = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid mitid');
      const body = cprBody(cprOf(TEST_CITIZEN_SUBS.metteSorensen));
      const basic = `Basic ${Buffer.from('gladsaxekortet:secret').toString('base64')}`;
      // The last is the broker's own signed ID token, but no access token.
      const refusals = [
        undefined,
        'Bearer',
        'Bearer not-a-token',
        `Bearer ${login.accessToken}x`,
        basic,
        `Bearer ${login.idTokenJwt}`,
      ];
      for (const authorization of refusals) {
        const refused = await rp.matchCpr(authorization, body);
        expect({ authorization, status: refused.status, body: refused.body }).toEqual({
          authorization,
          status: 401,
          body: '',
        });
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      }
      // None of those used up a try of the real login.
      for (let call = 0; call < 3; call++) {
        expect(json(await rp.matchCpr(bearer(login.accessToken), body))).toEqual({ cprNumberMatch: true });
      }
    });

    it('answers 400 "Missing Cpr parameter" for a missing or malformed cpr, without using a try', async () => {
      const cpr = cprOf(TEST_CITIZEN_SUBS.larsPedersen);
      const { accessToken } = await rp.logIn(TEST_CITIZEN_SUBS.larsPedersen, 'openid mitid');
      const malformed = [
        '',
        '{}',
        'not json',
        '[]',
        'null',
        JSON.stringify({ cpr: '' }),
        JSON.stringify({ cpr: Number(cpr) }),
        JSON.stringify({ Cpr: cpr }),
        JSON.stringify({ cpr: `${cpr}0` }),
        JSON.stringify({ cpr: `${cpr.slice(0, 6)} ${cpr.slice(6)}` }),
        JSON.stringify({ cpr: ` ${cpr}` }),
      ];
      for (const body of malformed) {
        const refused = await rp.matchCpr(bearer(accessToken), body);
        expect({ body, status: refused.status, json: json(refused) }).toEqual({ body, status: 400, json: MISSING_CPR });
      }
      expect(json(await rp.matchCpr(bearer(accessToken), cprBody(cpr)))).toEqual({ cprNumberMatch: true });
    });

    it('always answers false for a citizen without a CPR number', async () => {
      const { accessToken } = await rp.logIn(TEST_CITIZEN_SUBS.jonasBerg, 'openid mitid');
      const answers: unknown[] = [];
      for (const cpr of [cprOf(TEST_CITIZEN_SUBS.nyBorger), '0101010000', cprOf(TEST_CITIZEN_SUBS.metteSorensen)]) {
        answers.push(json(await rp.matchCpr(bearer(accessToken), cprBody(cpr))));
      }
      expect(answers).toEqual([{ cprNumberMatch: false }, { cprNumberMatch: false }, { cprNumberMatch: false }]);
    });

    it('refuses a body over a few KB with 413 and any method but POST with 405', async () => {
      const { accessToken } = await rp.logIn(TEST_CITIZEN_SUBS.metteSorensen, 'openid mitid');
      const padded = JSON.stringify({ cpr: cprOf(TEST_CITIZEN_SUBS.metteSorensen), padding: 'x'.repeat(16 * 1024) });
      expect((await rp.matchCpr(bearer(accessToken), padded)).status).toBe(413);
      expect((await rp.matchCpr(bearer(accessToken), '', 'GET')).status).toBe(405);
    });
  });
});
