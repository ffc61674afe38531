import type { EPaymentRecord } from '../mobilepay/epayment.service';
import { escapeHtml, kroner, renderPage } from './page-layout';

/** +45 12 34 56 78 from the MSISDN 4512345678; other countries as +<digits>. */
export function readablePhoneNumber(msisdn: string): string {
  const danish = /^45(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(msisdn);
  return danish ? `+45 ${danish.slice(1).join(' ')}` : `+${msisdn}`;
}

/** "The phone": the MobilePay app's approval screen, where the user approves or rejects. */
export function renderLandingPage(payment: EPaymentRecord, phoneNumber: string): string {
  const amount = kroner(payment.amount.value);
  const description = payment.paymentDescription
    ? `\n      <dt>Tekst</dt>\n      <dd>${escapeHtml(payment.paymentDescription)}</dd>`
    : '';
  const content = `<h1>Godkend betaling</h1>
    <p class="notice">Testmiljø: her spiller siden telefonen med MobilePay-appen. Der flyttes ingen rigtige penge.</p>
    <dl>
      <dt>Beløb</dt>
      <dd>${escapeHtml(amount)}</dd>
      <dt>Til</dt>
      <dd>Forretning ${escapeHtml(payment.msn)}</dd>${description}
      <dt>Telefon</dt>
      <dd>${escapeHtml(readablePhoneNumber(phoneNumber))}</dd>
    </dl>
    <form method="post" action="/mobilepay/landing">
      <input type="hidden" name="token" value="${escapeHtml(payment.token)}">
      <button type="submit" name="decision" value="approve" class="primary">Godkend</button>
      <button type="submit" name="decision" value="reject" class="secondary">Afvis</button>
    </form>`;
  return renderPage('mobilepay', 'Godkend betaling', content);
}
