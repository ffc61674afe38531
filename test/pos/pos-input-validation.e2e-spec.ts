import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { inTenant } from '@kk/database';
import { createCard, createTestTenant, createTill, walletBalance, type TestCard, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

/** Sends bytes no HTTP client library would (control characters in a header) and reads the answer. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(text, 'latin1')));
    let answer = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Every string the POS API takes must end in a 4xx problem, never in a 500 or in the database. */
describe('POS API v1: strings that cannot be stored or matched', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;
  let card: TestCard;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
    card = await createCard(pos.ds, tenant, { balance: 10_000 });
  });
  afterAll(() => pos.close());

  const http = () => request(pos.app.getHttpServer());
  const auth = () => `Bearer ${till.apiKey}`;
  const purchasesOfTill = () =>
    inTenant(pos.ds, tenant, async (tx) => {
      const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM pos_purchases WHERE till_id = $1', [
        till.tillId,
      ]);
      return rows[0].n;
    });
  const expectProblem = (res: request.Response, status: number) => {
    expect([res.status, res.headers['content-type']]).toEqual([
      status,
      expect.stringMatching(/^application\/problem\+json/),
    ]);
    expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  };

  it.each([
    ['a NUL', 'Frokost\u0000'],
    ['a BEL', 'Frokost\u0007'],
    ['a line feed', 'Frokost\nsalat'],
    ['DEL', 'Frokost\u007f'],
    ['a C1 control (NEL)', 'Frokost\u0085'],
    ['a lone surrogate', 'Frokost\ud800'],
  ])(
    'refuses a description with %s: 400 problem+json, nothing stored, the key still free',
    async (_label, description) => {
      const key = `desc-${Math.random().toString(36).slice(2)}`;
      const before = await purchasesOfTill();
      const res = await http()
        .post('/pos/v1/purchases')
        .set('Authorization', auth())
        .set('Idempotency-Key', key)
        .send({ cardNumber: card.cardNumber, amount: 100, description });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'description' })]);
      expect(await purchasesOfTill()).toBe(before);
      const retried = await http()
        .post('/pos/v1/purchases')
        .set('Authorization', auth())
        .set('Idempotency-Key', key)
        .send({ cardNumber: card.cardNumber, amount: 100, description: 'Frokost' });
      expect(retried.status).toBe(201);
    },
  );

  it.each([
    ['a NUL', '1234\u00005678'],
    ['a lone surrogate', '1234\ud800'],
  ])('refuses a card number in the body with %s', async (_label, cardNumber) => {
    const balance = await walletBalance(pos.ds, tenant, card.accountId);
    const res = await http()
      .post('/pos/v1/purchases')
      .set('Authorization', auth())
      .set('Idempotency-Key', 'card-number-odd')
      .send({ cardNumber, amount: 100 });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cardNumber' })]);
    expect(await walletBalance(pos.ds, tenant, card.accountId)).toBe(balance);
  });

  it.each([
    ['a NUL', '%00', 404],
    ['a NUL inside', '1234%005678', 404],
    ['a C1 control', '%C2%85', 404],
    ['a lone surrogate (as CESU-8)', '%ED%A0%80', 400],
    ['an overlong NUL', '%C0%80', 400],
    ['a byte that is not UTF-8', '%FF', 400],
    ['a broken escape', '%zz', 400],
    ['a 500-character value', 'A'.repeat(500), 414],
  ])('answers a path parameter with %s as problem+json', async (_label, segment, status) => {
    expectProblem(await http().get(`/pos/v1/cards/${segment}`).set('Authorization', auth()), status);
    expectProblem(await http().post(`/pos/v1/purchases/${segment}/reversal`).set('Authorization', auth()), status);
  });

  it.each([
    ['a NUL', 'key\u0000'],
    ['a control character', 'key\u0001'],
    ['DEL', 'key\u007f'],
    ['a Latin-1 letter', 'key\u00e6'],
  ])('refuses an Idempotency-Key with %s as a 400 problem and stores nothing', async (_label, key) => {
    const before = await purchasesOfTill();
    const body = JSON.stringify({ cardNumber: card.cardNumber, amount: 100 });
    const port = (pos.app.getHttpServer().address() as AddressInfo).port;
    const answer = await rawExchange(
      port,
      `POST /pos/v1/purchases HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth()}\r\nIdempotency-Key: ${key}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    const [head, payload] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/^content-type: application\/problem\+json/im);
    expect(JSON.parse(payload)).toMatchObject({ status: 400, type: expect.any(String), title: expect.any(String) });
    expect(await purchasesOfTill()).toBe(before);
  });
});
