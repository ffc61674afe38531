import { createServer, type Server, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@kk/database';
import { parseTenantSettings, type TenantSettings } from '@kk/tenancy';
import { parseMail, startSmtpCatcher, type SmtpCatcher } from '@kk/testing';
import { renderEmail } from './email-templates';
import { MailDeliveryError, SmtpMailer, tenantSender } from './mailer';

function sctIbs(): TenantSettings {
  const parsed = parseTenantSettings({
    displayName: 'Sct. Ibs Skole',
    productName: 'Sct. Ibs Kantinekort',
    hosts: ['sctibs.localhost'],
    login: { method: 'email', selfSignUp: true },
    support: { text: 'Kontakt skolen på kontoret i gården' },
  });
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

describe('SmtpMailer over real SMTP', () => {
  let catcher: SmtpCatcher;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    const tenant = sctIbs();
    mailer = new SmtpMailer({ smtpUrl: catcher.url, from: tenantSender({ ...tenant }) });
  });

  afterAll(async () => {
    mailer.close();
    await catcher.stop();
  });

  it('delivers a Danish reset email with its exact subject, æøå intact in both parts', async () => {
    const email = renderEmail('password-reset', 'da', sctIbs(), {
      resetUrl: 'https://sctibs.localhost:3000/nulstil-adgangskode?token=abc_DEF-ghi',
      expiresInMinutes: 60,
    });
    await mailer.send({ to: 'reset-da@example.dk', ...email });

    const mail = await catcher.waitFor((m) => m.to.includes('reset-da@example.dk'));
    expect(mail.subject).toBe('Nulstil adgangskode');
    expect(mail.headers.from).toBe('"Sct. Ibs Kantinekort" <no-reply@sctibs.localhost>');
    expect(mail.text).toBe(email.text.replace(/\r\n/g, '\n'));
    expect(mail.html).toBe(email.html);
    expect(mail.text).toContain('Vælg en ny adgangskode via linket herunder. Linket kan kun bruges én gang');
    expect(mail.text).toContain('https://sctibs.localhost:3000/nulstil-adgangskode?token=abc_DEF-ghi');
    expect(mail.html).toContain('<html lang="da">');
  });

  it('decodes a subject with Danish letters', async () => {
    const email = renderEmail('relation-request', 'da', sctIbs(), {
      requesterName: 'Søren Ærbø',
      accountHolderName: 'Åse Øster',
      reviewUrl: 'https://sctibs.localhost:3000/tilknytninger',
    });
    await mailer.send({ to: 'relation@example.dk', ...email, subject: `${email.subject} – Søren Ærbø (æøå ÆØÅ)` });

    const mail = await catcher.waitFor((m) => m.to.includes('relation@example.dk'));
    expect(mail.subject).toBe('Anmodning om adgang til en konto – Søren Ærbø (æøå ÆØÅ)');
    expect(mail.text).toContain('Søren Ærbø har bedt om adgang til kontoen for Åse Øster');
    expect(mail.html).toContain('<strong>Søren Ærbø</strong>');
  });

  it('sends each tenant from its own address over one transport', async () => {
    const gladsaxe = mailer.withSender(
      tenantSender({ productName: 'Gladsaxekortet', hosts: ['gladsaxekortet.localhost'] }),
    );
    await gladsaxe.send({ to: 'g@example.dk', subject: 'Hej', text: 'Hej', html: '<p>Hej</p>' });

    const mail = await catcher.waitFor((m) => m.to.includes('g@example.dk'));
    // nodemailer leaves out quotes a one-word display name does not need.
    expect(mail.headers.from).toBe('Gladsaxekortet <no-reply@gladsaxekortet.localhost>');
    expect(mail.envelopeFrom).toBe('no-reply@gladsaxekortet.localhost');
  });

  it('reads base64 parts inside multipart/mixed with an attachment', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: catcher.port, secure: false });
    const long = 'Kvittering for indbetaling til Åse Østergårds kantinekort på 250 kr. – tak for din betaling';
    await transport.sendMail({
      from: 'a@example.dk',
      to: 'b64@example.dk',
      subject: long,
      text: 'Beløb: 250,00 kr.\nÆbler og pærer.',
      html: '<p>Beløb: <b>250,00 kr.</b></p>',
      textEncoding: 'base64',
      attachments: [{ filename: 'kvittering.txt', content: 'ikke brødteksten', contentType: 'text/plain' }],
    });
    transport.close();

    const mail = await catcher.waitFor((m) => m.to.includes('b64@example.dk'));
    expect(mail.raw).toMatch(/multipart\/mixed/);
    expect(mail.raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(mail.subject).toBe(long);
    expect(mail.text).toBe('Beløb: 250,00 kr.\nÆbler og pærer.');
    expect(mail.html).toBe('<p>Beløb: <b>250,00 kr.</b></p>');
  });

  it('explains what it waited for when no email matches', async () => {
    await expect(catcher.waitFor((m) => m.subject === 'aldrig', 50)).rejects.toThrow(
      /No caught email matched within 50 ms\. Caught so far: "Nulstil adgangskode" to reset-da@example\.dk/,
    );
  });
});

describe('parseMail', () => {
  it('joins adjacent encoded-words, also when a character is split between them, and decodes ISO-8859-1', () => {
    const raw = [
      'Subject: =?UTF-8?B?TnVsc3RpbCBhZGdhbmdza29kZSDD?=',
      ' =?UTF-8?B?pg==?= og =?ISO-8859-1?Q?=F8l_=E5?=',
      'Content-Type: text/plain; charset="iso-8859-1"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'R=F8dgr=F8d med fl=F8de, en meget lang linje der er blevet delt med et bl=',
      'ødt linjeskift',
      '',
    ].join('\r\n');
    const mail = parseMail(Buffer.from(raw, 'latin1'));
    expect(mail.subject).toBe('Nulstil adgangskode æ og øl å');
    expect(mail.text).toBe('Rødgrød med fløde, en meget lang linje der er blevet delt med et blødt linjeskift\n');
  });
});

describe('SmtpMailer when SMTP is unavailable', () => {
  const message = { to: 'someone@example.dk', subject: 'Nulstil adgangskode', text: 'kode 123456', html: '<p>x</p>' };

  it('fails fast with a clear error when nothing listens', async () => {
    const port = await freePort();
    const mailer = new SmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'a@b.dk' });
    const started = Date.now();
    const error = await mailer.send(message).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).code).toBe('ECONNREFUSED');
    expect((error as Error).message).toBe(
      `Could not send email to a recipient at example.dk: the SMTP server at 127.0.0.1:${port} is not reachable (ECONNREFUSED); is the mail catcher or relay running?`,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused recipient without the full address', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(Object.assign(new Error(`No such user <${address.address}>`), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const { port } = refusing.server.address() as { port: number };
    try {
      const mailer = new SmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'a@b.dk' });
      const error = await mailer.send(message).then(
        () => undefined,
        (e: unknown) => e as MailDeliveryError,
      );
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error!.code).toBe('EENVELOPE');
      expect(error!.message).toMatch(
        /^Could not send email to a recipient at example\.dk: .*refused it: .*No such user/,
      );
      expect(error!.message).not.toContain('someone@');
      expect(error!.message).not.toContain('123456');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('gives up on a server that never greets after the connection timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const mailer = new SmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'a@b.dk', connectionTimeoutMs: 300 });
      await expect(mailer.send(message)).rejects.toThrow(/did not answer in time \(ETIMEDOUT\)/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
