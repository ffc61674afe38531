import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';

export interface MailCatcherOptions {
  /** Defaults to 1025. */
  smtpPort?: number;
  /** The web inbox; defaults to 1080. */
  webPort?: number;
  /** Defaults to loopback: the inbox shows reset links and codes, so keep it off the network. */
  host?: string;
}

export interface MailCatcher {
  /** For SmtpMailer, e.g. smtp://127.0.0.1:1025. */
  smtpUrl: string;
  /** The web inbox, e.g. http://localhost:1080. */
  webUrl: string;
  stop(): Promise<void>;
}

// The slice of MailDev 2's untyped Node API used here (node_modules/maildev/index.js, lib/).
interface MailDevConfig {
  smtp: number;
  web: number;
  ip: string;
  mailDirectory: string;
  silent: boolean;
}
interface MailDevServer {
  smtp: SMTPServer;
  onSmtpError: (error: Error) => void;
  listen(): Promise<void>;
  close(callback: () => void): void;
}
interface MailDevWeb {
  server: Server | null;
}

// MailDev keeps its servers in module globals: a second instance would clobber the first.
let running = false;

/**
 * MailDev in this process: catches every email the demo sends and shows it at webUrl.
 * Mail lives in a temporary folder that stop() removes. Taken ports fail start-up
 * rather than quietly sharing another program's inbox.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const smtpPort = options.smtpPort ?? 1025;
  const webPort = options.webPort ?? 1080;
  const host = options.host ?? '127.0.0.1';
  if (running) throw new Error('Mail catcher: MailDev is already running in this process');
  await assertPortFree(host, smtpPort, 'SMTP');
  await assertPortFree(host, webPort, 'web inbox');

  running = true;
  const mailDir = mkdtempSync(join(tmpdir(), 'kantinekort-mail-'));
  const { mailServer, webServer } = createMailDev({
    smtp: smtpPort,
    web: webPort,
    ip: host,
    mailDirectory: mailDir,
    silent: true,
  });
  const stop = async (): Promise<void> => {
    const webClosed = webServer.listening ? once(webServer, 'close') : Promise.resolve();
    await new Promise<void>((resolve) => mailServer.close(() => resolve()));
    await Promise.race([webClosed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    rmSync(mailDir, { recursive: true, force: true });
    running = false;
  };

  // MailDev throws (crashing the demo) on SMTP errors it does not expect, and the web server
  // has no error handler at all; take both over so a late failure is reported, not fatal.
  mailServer.smtp.removeListener('error', mailServer.onSmtpError);
  let startError: ((error: Error) => void) | undefined;
  const onError = (what: string) => (error: Error) => {
    if (startError) startError(new Error(`Mail catcher: the ${what} could not start: ${error.message}`));
    else process.stderr.write(`mail catcher: ${what} error: ${error.message}\n`);
  };
  mailServer.smtp.on('error', onError('SMTP server'));
  webServer.on('error', onError('web inbox'));
  try {
    await new Promise<void>((resolve, reject) => {
      startError = reject;
      const webListening = webServer.listening ? Promise.resolve() : once(webServer, 'listening');
      Promise.all([mailServer.listen(), webListening]).then(() => resolve(), reject);
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  } finally {
    startError = undefined;
  }

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    webUrl: `http://${urlHost === '127.0.0.1' ? 'localhost' : urlHost}:${webPort}`,
    stop,
  };
}

function createMailDev(config: MailDevConfig): { mailServer: MailDevServer; webServer: Server } {
  // Loaded on demand: MailDev pulls in jsdom and socket.io, which nothing else needs.
  /* eslint-disable @typescript-eslint/no-require-imports -- maildev ships no type declarations */
  const createMailDevServer = require('maildev') as (config: MailDevConfig) => MailDevServer;
  const web = require('maildev/lib/web') as MailDevWeb;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // MailDev installs SIGINT/SIGTERM handlers that exit the process as soon as it has closed,
  // cutting short the demo's own shutdown (PostgreSQL, Redis); the demo stops it instead.
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const mailServer = createMailDevServer(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  if (!web.server) throw new Error('Mail catcher: MailDev did not start its web inbox');
  return { mailServer, webServer: web.server };
}

function assertPortFree(host: string, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Mail catcher: the ${what} port ${host}:${port} is already in use. ` +
                'Stop the program using it (an earlier demo, another MailDev?) and start again.',
            )
          : new Error(`Mail catcher: cannot listen on ${host}:${port} for the ${what}: ${error.message}`),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
