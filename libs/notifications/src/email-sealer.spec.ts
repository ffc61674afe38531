import { createDecipheriv, hkdfSync } from 'node:crypto';
import { EMAIL_SEAL_KEY_INFO, EmailSealError, EmailSealer } from './email-sealer';
import type { OutgoingEmail } from './email-sender';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const BINDING = { tenantId: 'sctibs', outboxId: '6f1c1d38-8c55-4a53-9d1f-0c3f4e0e2a11' };
const EMAIL: OutgoingEmail = {
  from: '"Sct. Ibs Kantinekort" <no-reply@sctibs.localhost>',
  to: 'forælder@example.dk',
  subject: 'Din aktiveringskode',
  text: 'Koden er 482913. https://sctibs.localhost/opret/fortsaet?token=hemmelig-token',
  html: '<p>Koden er <b>482913</b></p>',
};

describe('EmailSealer', () => {
  const sealer = EmailSealer.fromSecret(SECRET);

  it('opens what it sealed, for the same row', () => {
    expect(sealer.open(sealer.seal(EMAIL, BINDING), BINDING)).toEqual(EMAIL);
  });

  it('shows neither the secret nor the recipient in the sealed payload', () => {
    const stored = JSON.stringify(sealer.seal(EMAIL, BINDING));
    for (const plain of ['482913', 'hemmelig-token', 'forælder', 'example.dk', 'fortsaet', 'aktiveringskode']) {
      expect(stored).not.toContain(plain);
    }
  });

  it('uses a fresh IV every time', () => {
    expect(sealer.seal(EMAIL, BINDING).iv).not.toBe(sealer.seal(EMAIL, BINDING).iv);
  });

  it('derives its key with HKDF-SHA256 and the fixed label, so the worker derives the same', () => {
    const sealed = sealer.seal(EMAIL, BINDING);
    const key = Buffer.from(hkdfSync('sha256', SECRET, Buffer.alloc(0), EMAIL_SEAL_KEY_INFO, 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(JSON.stringify(['outbox-email', BINDING.tenantId, BINDING.outboxId])));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
    expect(JSON.parse(plain.toString('utf8'))).toEqual(EMAIL);
  });

  it('refuses another key, another row, another tenant and any change', () => {
    const sealed = sealer.seal(EMAIL, BINDING);
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    const attempts = [
      () => EmailSealer.fromSecret(`${SECRET}!`).open(sealed, BINDING),
      () => sealer.open(sealed, { ...BINDING, outboxId: 'd1f5e3a0-0000-4000-8000-000000000000' }),
      () => sealer.open(sealed, { ...BINDING, tenantId: 'gladsaxe' }),
      () => sealer.open({ ...sealed, ciphertext: flip(sealed.ciphertext) }, BINDING),
      () => sealer.open({ ...sealed, tag: flip(sealed.tag) }, BINDING),
      () => sealer.open({ ...sealed, tag: sealed.tag.slice(0, 8) }, BINDING),
      () => sealer.open({ accountId: 'x', balance: 1 }, BINDING),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(EmailSealError);
  });

  it('refuses a short secret', () => {
    expect(() => EmailSealer.fromSecret('kort')).toThrow(/32/);
  });
});
