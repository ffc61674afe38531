import { EventEmitter } from 'node:events';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One email as a test sees it: decoded subject and parts, line breaks as \n. */
export interface CaughtMail {
  /** Envelope recipients (RCPT TO): where the SMTP client really delivered it. */
  to: string[];
  /** The envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** Header names in lower case, values unfolded and with RFC 2047 encoded-words decoded. */
  headers: Record<string, string>;
  subject: string;
  /** The first text/plain part that is not an attachment; '' when there is none. */
  text: string;
  /** The first text/html part that is not an attachment; '' when there is none. */
  html: string;
  /** The message as received, read as UTF-8. */
  raw: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every message so far, in arrival order. */
  messages: CaughtMail[];
  /** The first message (caught already or yet to come) the predicate accepts. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server in the test process, on a port of its own, so a test sees exactly what
 * nodemailer put on the wire (encodings included) without sharing the demo's MailDev.
 */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const arrivals = new EventEmitter();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Tests stop the catcher in afterAll; a lingering client must not hold Jest open.
    closeTimeout: 1_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        try {
          const mail = parseMail(Buffer.concat(chunks), session);
          messages.push(mail);
          arrivals.emit('mail', mail);
          callback();
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, the server's errors are its clients' (a worker SIGKILLed mid-message
  // resets its connection): what the fault tests do on purpose, not the catcher failing.
  server.on('error', () => undefined);
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP catcher: no TCP address');
  const { port } = address;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<CaughtMail>((resolve, reject) => {
        const onMail = (mail: CaughtMail): void => {
          try {
            if (!predicate(mail)) return;
            done();
            resolve(mail);
          } catch (error) {
            done();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        const timer = setTimeout(() => {
          done();
          const seen = messages.map((m) => `"${m.subject}" to ${m.to.join(', ')}`).join('; ') || 'none';
          reject(new Error(`No caught email matched within ${timeoutMs} ms. Caught so far: ${seen}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          arrivals.off('mail', onMail);
        };
        arrivals.on('mail', onMail);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface MimeEntity {
  headers: Map<string, string>;
  /** Body bytes as a latin1 string: one char per byte, so any charset can be decoded later. */
  body: string;
}

/** Just enough MIME for tests: multipart nesting, base64 / quoted-printable, encoded-word headers. */
export function parseMail(raw: Buffer, session?: Pick<SMTPServerSession, 'envelope'>): CaughtMail {
  const root = parseEntity(raw.toString('latin1'));
  const headers: Record<string, string> = {};
  for (const [name, value] of root.headers) headers[name] = decodeHeader(value);
  const bodies: { text?: string; html?: string } = {};
  collectBodies(root, bodies);
  const envelope = session?.envelope;
  return {
    to: envelope ? envelope.rcptTo.map((a) => a.address) : [],
    envelopeFrom: envelope && envelope.mailFrom ? envelope.mailFrom.address : '',
    headers,
    subject: headers.subject ?? '',
    text: bodies.text ?? '',
    html: bodies.html ?? '',
    raw: raw.toString('utf8'),
  };
}

function parseEntity(source: string): MimeEntity {
  const gap = /\r?\n\r?\n/.exec(source);
  const head = gap ? source.slice(0, gap.index) : source;
  const body = gap ? source.slice(gap.index + gap[0].length) : '';
  const headers = new Map<string, string>();
  // Unfolding removes the line break only; the whitespace that follows it stays.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // Raw 8-bit headers (nodemailer writes non-ASCII addresses unencoded) are UTF-8.
    if (!headers.has(name)) headers.set(name, Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
  }
  return { headers, body };
}

function collectBodies(entity: MimeEntity, found: { text?: string; html?: string }): void {
  const type = parseParams(entity.headers.get('content-type') ?? 'text/plain');
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (!boundary) throw new Error(`${type.value} without a boundary`);
    for (const part of splitMultipart(entity.body, boundary)) collectBodies(parseEntity(part), found);
    return;
  }
  if (/^\s*attachment/i.test(entity.headers.get('content-disposition') ?? '')) return;
  const key = type.value === 'text/plain' ? 'text' : type.value === 'text/html' ? 'html' : undefined;
  if (key && found[key] === undefined) {
    const bytes = decodeTransfer(entity.body, entity.headers.get('content-transfer-encoding') ?? '7bit');
    found[key] = decodeCharset(bytes, type.params.get('charset') ?? 'us-ascii').replace(/\r\n/g, '\n');
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}` || trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\r\n'));
      if (trimmed === `--${boundary}--`) break;
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  return parts;
}

function parseParams(header: string): { value: string; params: Map<string, string> } {
  const semicolon = header.indexOf(';');
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  const rest = semicolon < 0 ? '' : header.slice(semicolon);
  for (const m of rest.matchAll(/;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const raw = m[2];
    params.set(m[1].toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return { value, params };
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      // A trailing "=" is a soft line break: the line continues.
      return quotedPrintableBytes(body.replace(/=[ \t]*\r?\n/g, ''));
    default:
      return Buffer.from(body, 'latin1');
  }
}

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * RFC 2047: whitespace between adjacent encoded-words is dropped, and their bytes are joined
 * before decoding, in case a client split a multi-byte character between two words.
 */
function decodeHeader(value: string): string {
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = (): void => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = undefined;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1].split('*')[0].toLowerCase(); // drop an RFC 2231 language tag
    const adjacent = pending !== undefined && /^\s*$/.test(between);
    if (!adjacent || pending?.charset !== charset) {
      flush();
      if (!adjacent) out += between;
    }
    const text = m[3];
    const bytes =
      m[2].toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' '));
    pending ??= { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}
