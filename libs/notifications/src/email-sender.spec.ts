import { parseTenantSettings } from '@kk/tenancy';
import { EmailSender } from './email-sender';
import type { EmailMessage, Mailer } from './mailer';

describe('EmailSender', () => {
  it('renders the email and sends it from the tenant address', async () => {
    const parsed = parseTenantSettings({
      displayName: 'Sct. Ibs Skole',
      productName: 'Sct. Ibs Kantinekort',
      hosts: ['sctibs.localhost'],
      login: { method: 'email', selfSignUp: true },
      support: { text: 'Kontakt skolen' },
    });
    if (!parsed.success) throw parsed.error;
    const sent: { from: string; message: EmailMessage }[] = [];
    const mailerFor = (from: string): Mailer => ({
      send: async (message) => {
        sent.push({ from, message });
      },
    });

    await new EmailSender(mailerFor).send({ ...parsed.data }, 'forælder@example.dk', 'password-reset', 'da', {
      resetUrl: 'https://sctibs.localhost:3000/nulstil?t=abc',
      expiresInMinutes: 60,
    });

    expect(sent).toHaveLength(1);
    expect(sent[0].from).toBe('"Sct. Ibs Kantinekort" <no-reply@sctibs.localhost>');
    expect(sent[0].message.to).toBe('forælder@example.dk');
    expect(sent[0].message.subject).toBe('Nulstil adgangskode');
    expect(sent[0].message.text).toContain('https://sctibs.localhost:3000/nulstil?t=abc');
    expect(sent[0].message.html).toContain('Sct. Ibs Kantinekort');
  });
});
