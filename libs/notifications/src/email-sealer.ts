import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SealedEmailPayload } from '@kk/jobs';
import type { OutgoingEmail } from './email-sender';

/**
 * The HKDF-SHA256 `info` of the outbox e-mail key. SESSION_SECRET also signs the portal's
 * cookies; this label makes the derived key independent of that use. Changing the label
 * (v2) changes the key.
 */
export const EMAIL_SEAL_KEY_INFO = 'kantinekort/outbox-email/aes-256-gcm/v1';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Which outbox row a sealed e-mail belongs to: it opens only for that tenant's row. */
export interface SealBinding {
  readonly tenantId: string;
  readonly outboxId: string;
}

/** The e-mail cannot be opened: another key, another row, or altered. Retrying will not help. */
export class EmailSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailSealError';
  }
}

/**
 * Seals e-mails for the outbox (AES-256-GCM). They carry what the database otherwise holds
 * only as hashes (the activation code, reset and resume links), so a row or a Redis job
 * read by anyone without the key shows neither the secret nor the recipient.
 *
 * The key comes from SESSION_SECRET (EmailSealer.fromSecret): every app already requires
 * it in production, the web app that seals and the worker that opens both load it, and no
 * new secret needs provisioning. Rotating SESSION_SECRET leaves e-mails still in the outbox
 * unopenable (they fail for good, logged), so rotate once the outbox has drained.
 */
export class EmailSealer {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The e-mail sealing key must be 32 bytes');
    this.key = Buffer.from(key);
  }

  /** HKDF-SHA256 over the secret with a fixed info label; no salt (the secret is random already). */
  static fromSecret(secret: string): EmailSealer {
    if (secret.length < 32) throw new Error('The secret the e-mail key is derived from must be ≥ 32 characters');
    return new EmailSealer(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), EMAIL_SEAL_KEY_INFO, 32)));
  }

  seal(email: OutgoingEmail, binding: SealBinding): SealedEmailPayload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(binding));
    const plain = JSON.stringify({
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      version: 1,
      iv: iv.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  /** Throws EmailSealError unless the payload was sealed with this key for this very row. */
  open(payload: unknown, binding: SealBinding): OutgoingEmail {
    if (!isSealedEmailPayload(payload)) throw new EmailSealError('The outbox payload is not a sealed e-mail');
    const iv = Buffer.from(payload.iv, 'base64url');
    const tag = Buffer.from(payload.tag, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new EmailSealError('The sealed e-mail has a malformed IV or tag');
    }
    let plain: string;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(binding));
      decipher.setAuthTag(tag);
      plain = Buffer.concat([decipher.update(Buffer.from(payload.ciphertext, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new EmailSealError(
        'The sealed e-mail does not open: sealed with another key (SESSION_SECRET changed?), for another row, or altered',
      );
    }
    return parseOutgoingEmail(plain);
  }
}

// Binds the ciphertext to its row: copied into another row or tenant, it no longer opens.
function additionalData(binding: SealBinding): Buffer {
  return Buffer.from(JSON.stringify(['outbox-email', binding.tenantId, binding.outboxId]), 'utf8');
}

function isSealedEmailPayload(value: unknown): value is SealedEmailPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === 1 && typeof v.iv === 'string' && typeof v.ciphertext === 'string' && typeof v.tag === 'string';
}

const EMAIL_FIELDS = ['from', 'to', 'subject', 'text', 'html'] as const;

function parseOutgoingEmail(plain: string): OutgoingEmail {
  const value: unknown = JSON.parse(plain);
  if (typeof value !== 'object' || value === null) throw new EmailSealError('The sealed e-mail is not an object');
  const fields = value as Record<string, unknown>;
  const email: Record<string, string> = {};
  for (const name of EMAIL_FIELDS) {
    const field = fields[name];
    if (typeof field !== 'string') throw new EmailSealError(`The sealed e-mail lacks ${name}`);
    email[name] = field;
  }
  return { from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html };
}
