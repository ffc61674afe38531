import type { NexiPaymentRecord } from '../nexi/nexi-state';
import { detectBrand } from '../nexi/test-cards';
import type { CardFormErrors, CardFormField, CardFormValues } from './card-form';
import { escapeHtml, kroner, renderPage } from './page-layout';

export interface CheckoutFormModel {
  readonly payment: NexiPaymentRecord;
  readonly cancelUrl?: string;
  readonly values?: CardFormValues;
  readonly errors?: CardFormErrors;
  /** A refusal of the whole attempt (a decline, "Identisk Transaktion"), not of one field. */
  readonly refusal?: { readonly text: string; readonly explanation?: string };
}

interface FieldSpec {
  readonly name: CardFormField;
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly autocomplete: string;
  readonly numeric: boolean;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'holderName', id: 'holder-name', label: 'Kortholders navn', autocomplete: 'cc-name', numeric: false },
  {
    name: 'cardNumber',
    id: 'card-number',
    label: 'Kortnummer',
    hint: 'Vi modtager Dankort, Visa og Mastercard.',
    autocomplete: 'cc-number',
    numeric: true,
  },
  { name: 'expiry', id: 'expiry', label: 'Udløbsdato (MM/ÅÅ)', autocomplete: 'cc-exp', numeric: true },
  {
    name: 'cvc',
    id: 'cvc',
    label: 'Sikkerhedskode (CVC)',
    hint: 'De 3 cifre på bagsiden af kortet.',
    autocomplete: 'cc-csc',
    numeric: true,
  },
];

// Progressive enhancement only: names the brand while the number is typed; the server decides.
const BRAND_SCRIPT = `
  (function(){
    var input=document.getElementById('card-number'),out=document.getElementById('card-brand');
    if(!input||!out)return;
    function brand(n){n=n.replace(/[\\s-]/g,'');
      if(/^5019/.test(n))return 'Dankort';if(/^4/.test(n))return 'Visa';
      var f=Number(n.slice(0,4));if(/^5[1-5]/.test(n)||(f>=2221&&f<=2720))return 'Mastercard';return '';}
    input.addEventListener('input',function(){var b=brand(input.value);out.textContent=b?'Korttype: '+b:'';});
  })();`;

/**
 * The hosted payment page's card form, with any field errors and refusal from the last attempt.
 * Its button is "Gennemfør Betaling", the label both seeds tell parents to press.
 */
export function renderCheckoutForm(model: CheckoutFormModel): string {
  const { payment } = model;
  const registration = payment.order.amount === 0;
  const amount = kroner(payment.order.amount);
  const heading = registration ? 'Gem dit betalingskort' : `Betal ${amount}`;
  const intro = registration
    ? 'Kortet gemmes til senere betalinger hos forhandleren. Der trækkes ingen penge nu.'
    : `Du betaler ${amount} for ordre ${payment.order.reference}.`;
  const cancel = model.cancelUrl
    ? `\n    <p><a href="${escapeHtml(model.cancelUrl)}">Annuller og gå tilbage til butikken</a></p>`
    : '';
  const terms = payment.checkout
    ? `\n    <p class="small"><a href="${escapeHtml(payment.checkout.termsUrl)}">Handelsbetingelser</a></p>`
    : '';
  const content = `<h1>${escapeHtml(heading)}</h1>
    <p>${escapeHtml(intro)}</p>
    <p class="notice">Testmiljø: brug et testkort. Der bruges ikke rigtige kort eller penge.</p>
    ${refusalBox(model.refusal)}${errorSummary(model.errors)}
    <form method="post" action="/hostedpaymentpage/pay" novalidate>
      <input type="hidden" name="pid" value="${escapeHtml(payment.paymentId)}">
      ${FIELDS.map((field) => fieldHtml(field, model)).join('\n      ')}
      <p id="card-brand" aria-live="polite">${escapeHtml(brandText(model.values?.cardNumber))}</p>
      <button type="submit" class="primary">Gennemfør Betaling</button>
    </form>${cancel}${terms}`;
  return renderPage('nexi', heading, content, BRAND_SCRIPT);
}

function brandText(cardNumber: string | undefined): string {
  const brand = cardNumber ? detectBrand(cardNumber.replace(/[\s-]/g, '')) : undefined;
  return brand ? `Korttype: ${brand}` : '';
}

function refusalBox(refusal: CheckoutFormModel['refusal']): string {
  if (!refusal) return '';
  const explanation = refusal.explanation ? `\n      <p>${escapeHtml(refusal.explanation)}</p>` : '';
  return `<div class="refusal" role="alert" id="refusal">
      <p class="refusal-text">${escapeHtml(refusal.text)}</p>${explanation}
    </div>
    `;
}

function errorSummary(errors: CardFormErrors | undefined): string {
  const listed = FIELDS.filter((field) => errors?.[field.name] !== undefined);
  if (listed.length === 0) return '';
  const items = listed
    .map((field) => `<li><a href="#${field.id}">${escapeHtml(errors?.[field.name] ?? '')}</a></li>`)
    .join('\n        ');
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Ret venligst følgende</h2>
      <ul>
        ${items}
      </ul>
    </div>
    `;
}

function fieldHtml(field: FieldSpec, model: CheckoutFormModel): string {
  const error = model.errors?.[field.name];
  const value = field.name === 'cvc' ? '' : (model.values?.[field.name] ?? '');
  const described = [field.hint ? `${field.id}-hint` : '', error ? `${field.id}-error` : ''].filter(Boolean).join(' ');
  const attributes = [
    `id="${field.id}"`,
    `name="${field.name}"`,
    'type="text"',
    `autocomplete="${field.autocomplete}"`,
    field.numeric ? 'inputmode="numeric"' : '',
    value === '' ? '' : `value="${escapeHtml(value)}"`,
    described === '' ? '' : `aria-describedby="${described}"`,
    error ? 'aria-invalid="true"' : '',
  ].filter(Boolean);
  return `<div class="field">
        <label for="${field.id}">${escapeHtml(field.label)}</label>${
          field.hint ? `\n        <p class="hint" id="${field.id}-hint">${escapeHtml(field.hint)}</p>` : ''
        }${error ? `\n        <p class="error" id="${field.id}-error">${escapeHtml(error)}</p>` : ''}
        <input ${attributes.join(' ')}>
      </div>`;
}
