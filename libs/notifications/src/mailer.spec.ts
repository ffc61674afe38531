import { SmtpMailer, tenantSender } from './mailer';

describe('tenantSender', () => {
  it('sends as the product, from no-reply at the first host', () => {
    const tenant = { productName: 'Sct. Ibs Kantinekort', hosts: ['sctibs.localhost', 'kantine.sctibs.dk'] };
    expect(tenantSender(tenant)).toBe('"Sct. Ibs Kantinekort" <no-reply@sctibs.localhost>');
  });

  it('cannot be broken out of the quoted display name', () => {
    expect(tenantSender({ productName: 'Evil" <x@y.z>, "', hosts: ['a.localhost'] })).toBe(
      '"Evil <x@y.z>, " <no-reply@a.localhost>',
    );
  });

  it('needs a host', () => {
    expect(() => tenantSender({ productName: 'X', hosts: [] })).toThrow(/no host/);
  });
});

describe('SmtpMailer', () => {
  it.each(['127.0.0.1:1025', 'http://127.0.0.1:1025'])('refuses the SMTP URL %s', (smtpUrl) => {
    expect(() => new SmtpMailer({ smtpUrl, from: 'a@b.dk' })).toThrow(/smtp:\/\//);
  });

  it('does not echo credentials from a malformed URL', () => {
    expect(() => new SmtpMailer({ smtpUrl: 'smtp://user:secret@', from: 'a@b.dk' })).toThrow(
      'SMTP URL must look like smtp://host:port, got "smtp://***@"',
    );
  });

  it('needs a host', () => {
    expect(() => new SmtpMailer({ smtpUrl: 'smtp://', from: 'a@b.dk' })).toThrow(/needs a host/);
  });
});
