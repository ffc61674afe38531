import { generate } from '@otplib/totp';
import { base32, nodeCrypto } from './totp-plugins';
import { normalizeTotpCode, verifyTotpCode, type TotpCodeInput } from './totp-verifier';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number): Date => new Date(seconds * 1000);
const check = (input: Partial<TotpCodeInput> & Pick<TotpCodeInput, 'code' | 'now'>) =>
  verifyTotpCode({ secret: RFC_SECRET, lastUsedStep: null, ...input });
const codeAt = (seconds: number): Promise<string> =>
  generate({ secret: RFC_SECRET, epoch: seconds, crypto: nodeCrypto, base32 });

describe('verifyTotpCode', () => {
  // The appendix's 8-digit values, cut to the 6 digits apps show (the low digits are the same).
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('accepts the RFC 6238 vector at T=%i (%s) and answers its time step', async (seconds, code) => {
    expect(await check({ code, now: at(seconds) })).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });

  it('accepts one step of clock drift either way, and no more', async () => {
    const step = 1234567890 / 30; // 41152263
    const code = await codeAt(step * 30);
    for (const drift of [-1, 0, 1]) {
      expect(await check({ code, now: at((step + drift) * 30 + 15) })).toEqual({ ok: true, step });
    }
    for (const drift of [-2, 2]) {
      expect(await check({ code, now: at((step + drift) * 30) })).toEqual({ ok: false, reason: 'wrong' });
      expect(await check({ code, now: at((step + drift) * 30 + 29) })).toEqual({ ok: false, reason: 'wrong' });
    }
  });

  it('refuses a replay of the step last used, or an earlier one, and takes the next', async () => {
    const now = at(1111111111);
    const step = Math.floor(1111111111 / 30);
    expect(await check({ code: '050471', now, lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
    const previous = await codeAt((step - 1) * 30);
    expect(await check({ code: previous, now, lastUsedStep: step - 1 })).toEqual({ ok: false, reason: 'replayed' });
    expect(await check({ code: previous, now, lastUsedStep: step })).toEqual({ ok: false, reason: 'replayed' });
    expect(await check({ code: '050471', now, lastUsedStep: step - 1 })).toEqual({ ok: true, step });
  });

  it('refuses everything while the last used step lies ahead (a clock set back)', async () => {
    const now = at(59);
    expect(await check({ code: '287082', now, lastUsedStep: 1000 })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('tells a wrong code from a malformed one', async () => {
    const now = at(59);
    expect(await check({ code: '287083', now })).toEqual({ ok: false, reason: 'wrong' });
    for (const code of ['', '28708', '2870822', 'abcdef', '28708x', '２８７０８２']) {
      expect(await check({ code, now })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('takes the code as people type or paste it', async () => {
    for (const code of ['287 082', '287-082', ' 287082 ', '287\u00a0082', '287–082', '2 8 7 0 8 2']) {
      expect(await check({ code, now: at(59) })).toEqual({ ok: true, step: 1 });
    }
  });

  it('works on the secret of another login only with its own codes', async () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    expect(await verifyTotpCode({ secret: other, code: '287082', lastUsedStep: null, now: at(59) })).toEqual({
      ok: false,
      reason: 'wrong',
    });
  });
});

describe('normalizeTotpCode', () => {
  it('keeps the six digits, leading zeros included, and refuses anything else', () => {
    expect(normalizeTotpCode('005 924')).toBe('005924');
    expect(normalizeTotpCode('0059245')).toBeUndefined();
    expect(normalizeTotpCode('00592a')).toBeUndefined();
  });
});
