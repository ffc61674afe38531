import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { IdTokenRefused, IdTokenVerifier } from './id-token-verifier';

const ISSUER = 'https://broker.example';
const CLIENT_ID = 'gladsaxekortet';
const NONCE = 'the-nonce-this-session-sent';

describe('IdTokenVerifier', () => {
  let brokerKey: CryptoKey;
  let otherKey: CryptoKey;
  let verifier: IdTokenVerifier;
  const expected = { issuer: ISSUER, audience: CLIENT_ID, jwksUri: `${ISSUER}/jwks`, nonce: NONCE };

  beforeAll(async () => {
    const broker = await generateKeyPair('RS256');
    brokerKey = broker.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(broker.publicKey)), kid: 'broker', alg: 'RS256', use: 'sig' };
    verifier = new IdTokenVerifier(() => createLocalJWKSet({ keys: [jwk] }));
  });

  // Claims given here replace the defaults, so a test can spoil exactly one of them.
  function token(claims: Record<string, unknown> = {}, key: CryptoKey = brokerKey): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: '55018e6e-1f7d-4c6b-82f3-6858c29582a1',
      iat: now,
      exp: now + 300,
      nonce: NONCE,
      name: 'Mette Sørensen',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'broker' })
      .sign(key);
  }

  it("accepts the broker's token and returns the identity", async () => {
    await expect(verifier.verify(await token({ 'dk.cpr': '1505801234' }), expected)).resolves.toEqual({
      issuer: ISSUER,
      subject: '55018e6e-1f7d-4c6b-82f3-6858c29582a1',
      name: 'Mette Sørensen',
      claims: expect.objectContaining({ sub: '55018e6e-1f7d-4c6b-82f3-6858c29582a1', 'dk.cpr': '1505801234' }),
    });
  });

  it('refuses a token signed with another key (a forged signature)', async () => {
    await expect(verifier.verify(await token({}, otherKey), expected)).rejects.toThrow(IdTokenRefused);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await token()).split('.');
    const body = Buffer.from(JSON.stringify({ iss: ISSUER, aud: CLIENT_ID, sub: 'someone-else', nonce: NONCE }));
    await expect(verifier.verify(`${header}.${body.toString('base64url')}.${signature}`, expected)).rejects.toThrow(
      /signature verification failed/,
    );
  });

  it('refuses another nonce, and a session that sent none', async () => {
    await expect(verifier.verify(await token({ nonce: 'replayed' }), expected)).rejects.toThrow(/nonce/);
    await expect(verifier.verify(await token(), { ...expected, nonce: undefined })).rejects.toThrow(/nonce/);
  });

  it('refuses another issuer or audience, and an expired token', async () => {
    await expect(verifier.verify(await token({ iss: 'https://evil.example' }), expected)).rejects.toThrow(/iss/);
    await expect(verifier.verify(await token({ aud: 'another-client' }), expected)).rejects.toThrow(/aud/);
    const old = Math.floor(Date.now() / 1000) - 3600;
    await expect(verifier.verify(await token({ iat: old, exp: old + 300 }), expected)).rejects.toThrow(/exp/);
  });

  it('refuses an unsigned token', async () => {
    const [header, body] = (await token()).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await expect(verifier.verify(`${none}.${body}.`, expected)).rejects.toThrow(IdTokenRefused);
    expect(header).toBeTruthy();
  });
});
