import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one set of helpers for specs that talk to the payment-gateway stand-in
 * (apps/gateway-sim): a local webhook endpoint, and a payer's browser on a provider's page.
 */

/** One POST the receiver got, exactly as it came over the wire. */
export interface ReceivedWebhook {
  readonly method: string;
  /** The request target: path and query, as MobilePay signs it. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The bytes a verifier checks. */
  readonly rawBody: Buffer;
  readonly body: string;
  readonly json: Record<string, unknown>;
  /** The status the receiver answered. */
  readonly answered: number;
}

/** Decides the status for the n-th request (0-based) the receiver gets. */
export type Responder = (request: Omit<ReceivedWebhook, 'answered'>, index: number) => number;

/**
 * A small HTTP server standing in for our webhook endpoint: it records every delivery and
 * answers whatever status the test asks for (200, Nexi's only acknowledgement, unless told otherwise).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private responder: Responder = () => 200;
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const body = rawBody.toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          // recorded as it came; the test asserts on body then
        }
        const request = { method: req.method ?? '', path: req.url ?? '/', headers: req.headers, rawBody, body, json };
        const answered = this.responder(request, this.received.length);
        this.received.push({ ...request, answered });
        res.statusCode = answered;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Deliveries of one event name (Nexi's `event` or MobilePay's `name`). */
  events(name: string): ReceivedWebhook[] {
    return this.received.filter((hook) => hook.json.event === name || hook.json.name === name);
  }

  clear(): void {
    this.received.length = 0;
    this.responder = () => 200;
  }

  /** Waits until the predicate holds on what was received, failing after timeoutMs. */
  async waitFor(predicate: (received: readonly ReceivedWebhook[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) {
        const seen = this.received.map((hook) => `${hook.path} ${String(hook.json.event ?? hook.json.name)}`);
        throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms; got ${JSON.stringify(seen)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }
}

/** What a browser ends with after submitting a provider's page: the status and where it is sent. */
export interface FormSubmission {
  readonly status: number;
  readonly location: string | undefined;
  readonly html: string;
}

/**
 * Does what a payer's browser does on a provider's page without JavaScript: loads the page,
 * takes its POST form with the hidden fields in it, fills in the given ones and submits it
 * url-encoded, without following the redirect (so the test sees where the payer is sent back to).
 */
export async function submitHostedPage(
  pageUrl: string,
  fields: Readonly<Record<string, string>>,
): Promise<FormSubmission> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the hosted page answered ${page.status}`);
  const form = /<form\b[^>]*\bmethod="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error('the hosted page has no POST form');
  const action = /\baction="([^"]*)"/i.exec(form[0])?.[1] ?? '';
  const values = new URLSearchParams();
  for (const input of form[1]?.matchAll(/<input\b[^>]*>/gi) ?? []) {
    const tag = input[0];
    if (!/\btype="hidden"/i.test(tag)) continue;
    const name = /\bname="([^"]*)"/i.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name !== undefined) values.set(unescapeHtml(name), unescapeHtml(value));
  }
  for (const [name, value] of Object.entries(fields)) values.set(name, value);
  const response = await fetch(new URL(unescapeHtml(action), pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: values.toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    html: await response.text(),
  };
}

export interface TestCardInput {
  readonly cardNumber: string;
  readonly holderName?: string;
  /** MM/ÅÅ; defaults to a date far ahead. */
  readonly expiry?: string;
  readonly cvc?: string;
}

/** "Gennemfør Betaling" on Nexi's hosted page with a test card. */
export function payOnHostedPage(pageUrl: string, card: TestCardInput): Promise<FormSubmission> {
  return submitHostedPage(pageUrl, {
    holderName: card.holderName ?? 'Mette Hansen',
    cardNumber: card.cardNumber,
    expiry: card.expiry ?? '12/39',
    cvc: card.cvc ?? '123',
  });
}

/** "Godkend" or "Afvis" on MobilePay's page, as the phone would. */
export function answerOnPhone(pageUrl: string, decision: 'approve' | 'reject'): Promise<FormSubmission> {
  return submitHostedPage(pageUrl, { decision });
}

/** An attribute's value as the browser reads it (Handlebars escapes `=` too). */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
