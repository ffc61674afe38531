import { FieldProblems } from './nexi-errors';
import {
  NEXI_EVENT_NAMES,
  type AmountRequest,
  type BulkChargeItem,
  type BulkChargeRequest,
  type CreatePaymentRequest,
  type NexiCheckout,
  type NexiOrder,
  type NexiOrderItem,
  type NexiWebHook,
  type UnscheduledChargeRequest,
} from './nexi-api.types';

type JsonObject = Readonly<Record<string, unknown>>;

const MAX_WEBHOOKS = 32;
const MAX_WEBHOOK_URL_LENGTH = 256;
const WEBHOOK_AUTHORIZATION = /^[A-Za-z0-9]{8,32}$/;
const SUPPORTED_CURRENCY = 'DKK';

/** `POST /v1/payments`. Throws NexiValidationError naming every bad field. */
export function parseCreatePayment(body: unknown): CreatePaymentRequest {
  const problems = new FieldProblems();
  const root = objectAt(body, '', problems);
  const subscription = optionalObjectAt(root?.unscheduledSubscription, 'unscheduledSubscription', problems);
  const createUnscheduledSubscription = subscription?.create === true;
  const order = parseOrder(root?.order, 'order', problems, { zeroAllowed: createUnscheduledSubscription });
  const checkout = parseCheckout(root?.checkout, problems);
  const webHooks = parseNotifications(root?.notifications, problems);
  problems.throwIfAny();
  return { order: parsed(order), checkout: parsed(checkout), webHooks, createUnscheduledSubscription };
}

/** `POST …/charges`, `…/refunds`, `…/cancels`: `{ amount, orderItems? }`. */
export function parseAmountRequest(body: unknown): AmountRequest {
  const problems = new FieldProblems();
  const root = objectAt(body, '', problems);
  const amount = integerAt(root?.amount, 'amount', problems, { min: 1 });
  const orderItems = root?.orderItems === undefined ? undefined : parseItems(root.orderItems, 'orderItems', problems);
  problems.throwIfAny();
  return { amount: parsed(amount), ...(orderItems === undefined ? {} : { orderItems }) };
}

/** `POST /v1/unscheduledsubscriptions/{id}/charges`. */
export function parseUnscheduledCharge(body: unknown): UnscheduledChargeRequest {
  const problems = new FieldProblems();
  const root = objectAt(body, '', problems);
  const order = parseOrder(root?.order, 'order', problems, { zeroAllowed: false });
  const webHooks = parseNotifications(root?.notifications, problems);
  problems.throwIfAny();
  return { order: parsed(order), webHooks };
}

/** `POST /v1/unscheduledsubscriptions/charges`. */
export function parseBulkCharge(body: unknown): BulkChargeRequest {
  const problems = new FieldProblems();
  const root = objectAt(body, '', problems);
  const externalBulkChargeId = stringAt(root?.externalBulkChargeId, 'externalBulkChargeId', problems, { max: 64 });
  const webHooks = parseNotifications(root?.notifications, problems);
  const list = root?.unscheduledSubscriptions;
  const items: BulkChargeItem[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    problems.add(
      'unscheduledSubscriptions',
      'The UnscheduledSubscriptions field is required and holds at least one charge.',
    );
  } else {
    list.forEach((entry: unknown, index) => {
      const path = `unscheduledSubscriptions[${index}]`;
      const item = objectAt(entry, path, problems);
      const id = stringAt(item?.unscheduledSubscriptionId, `${path}.unscheduledSubscriptionId`, problems, { max: 64 });
      const externalReference =
        item?.externalReference === undefined
          ? undefined
          : stringAt(item.externalReference, `${path}.externalReference`, problems, { max: 128 });
      const order = parseOrder(item?.order, `${path}.order`, problems, { zeroAllowed: false });
      if (id !== undefined && order !== undefined) {
        items.push({ unscheduledSubscriptionId: id, order, ...(externalReference ? { externalReference } : {}) });
      }
    });
  }
  problems.throwIfAny();
  return { externalBulkChargeId: parsed(externalBulkChargeId), webHooks, items };
}

function parseCheckout(value: unknown, problems: FieldProblems): NexiCheckout | undefined {
  const checkout = objectAt(value, 'checkout', problems);
  if (checkout === undefined) return undefined;
  if (checkout.integrationType !== 'HostedPaymentPage') {
    problems.add('checkout.integrationType', 'The sim serves only integrationType HostedPaymentPage.');
  }
  const returnUrl = urlAt(checkout.returnUrl, 'checkout.returnUrl', problems);
  const cancelUrl =
    checkout.cancelUrl === undefined ? undefined : urlAt(checkout.cancelUrl, 'checkout.cancelUrl', problems);
  const termsUrl = urlAt(checkout.termsUrl, 'checkout.termsUrl', problems);
  if (checkout.charge !== undefined && typeof checkout.charge !== 'boolean') {
    problems.add('checkout.charge', 'The Charge field is true or false.');
  }
  if (returnUrl === undefined || termsUrl === undefined) return undefined;
  return {
    integrationType: 'HostedPaymentPage',
    returnUrl,
    termsUrl,
    charge: checkout.charge === true,
    ...(cancelUrl === undefined ? {} : { cancelUrl }),
  };
}

function parseNotifications(value: unknown, problems: FieldProblems): NexiWebHook[] {
  const notifications = optionalObjectAt(value, 'notifications', problems);
  if (notifications === undefined) return [];
  const list = notifications.webHooks ?? notifications.webhooks;
  if (!Array.isArray(list)) {
    problems.add('notifications.webHooks', 'The WebHooks field is a list.');
    return [];
  }
  if (list.length > MAX_WEBHOOKS) problems.add('notifications.webHooks', `At most ${MAX_WEBHOOKS} webhooks.`);
  const hooks: NexiWebHook[] = [];
  list.forEach((entry: unknown, index) => {
    const path = `notifications.webHooks[${index}]`;
    const hook = objectAt(entry, path, problems);
    const eventName = NEXI_EVENT_NAMES.find((name) => name === hook?.eventName);
    if (hook !== undefined && eventName === undefined) problems.add(`${path}.eventName`, 'Unknown event name.');
    const url = urlAt(hook?.url, `${path}.url`, problems);
    if (url !== undefined && url.length > MAX_WEBHOOK_URL_LENGTH) {
      problems.add(`${path}.url`, `The Url is at most ${MAX_WEBHOOK_URL_LENGTH} characters.`);
    }
    const authorization = hook?.authorization;
    if (
      authorization !== undefined &&
      (typeof authorization !== 'string' || !WEBHOOK_AUTHORIZATION.test(authorization))
    ) {
      problems.add(`${path}.authorization`, 'The Authorization is 8 to 32 alphanumeric characters.');
    }
    if (eventName !== undefined && url !== undefined) {
      hooks.push({ eventName, url, ...(typeof authorization === 'string' ? { authorization } : {}) });
    }
  });
  return hooks;
}

function parseOrder(
  value: unknown,
  path: string,
  problems: FieldProblems,
  rules: { zeroAllowed: boolean },
): NexiOrder | undefined {
  const order = objectAt(value, path, problems);
  if (order === undefined) return undefined;
  const items = parseItems(order.items, `${path}.items`, problems);
  const amount = integerAt(order.amount, `${path}.amount`, problems, { min: rules.zeroAllowed ? 0 : 1 });
  const currency = stringAt(order.currency, `${path}.currency`, problems, { max: 3 });
  if (currency !== undefined && currency !== SUPPORTED_CURRENCY) {
    problems.add(`${path}.currency`, `The currency ${currency} is not supported for this merchant.`);
  }
  const reference = stringAt(order.reference, `${path}.reference`, problems, { max: 128 });
  if (items !== undefined && amount !== undefined) {
    const sum = items.reduce((total, item) => total + item.grossTotalAmount, 0);
    if (sum !== amount) problems.add(`${path}.amount`, 'The amount does not match the sum of the order items.');
  }
  if (items === undefined || amount === undefined || currency === undefined || reference === undefined)
    return undefined;
  return { items, amount, currency, reference };
}

function parseItems(value: unknown, path: string, problems: FieldProblems): NexiOrderItem[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, 'The Items field is required and holds at least one item.');
    return undefined;
  }
  const items: NexiOrderItem[] = [];
  value.forEach((entry: unknown, index) => {
    const at = `${path}[${index}]`;
    const item = objectAt(entry, at, problems);
    if (item === undefined) return;
    const reference = stringAt(item.reference, `${at}.reference`, problems, { max: 128 });
    const name = stringAt(item.name, `${at}.name`, problems, { max: 128 });
    const unit = stringAt(item.unit, `${at}.unit`, problems, { max: 128 });
    const quantity = item.quantity;
    if (typeof quantity !== 'number' || !(quantity > 0)) problems.add(`${at}.quantity`, 'The Quantity is above 0.');
    const unitPrice = integerAt(item.unitPrice, `${at}.unitPrice`, problems, { min: 0 });
    const grossTotalAmount = integerAt(item.grossTotalAmount, `${at}.grossTotalAmount`, problems, { min: 0 });
    const netTotalAmount = integerAt(item.netTotalAmount, `${at}.netTotalAmount`, problems, { min: 0 });
    const taxRate = item.taxRate === undefined ? undefined : integerAt(item.taxRate, `${at}.taxRate`, problems);
    const taxAmount = item.taxAmount === undefined ? undefined : integerAt(item.taxAmount, `${at}.taxAmount`, problems);
    if (
      reference === undefined ||
      name === undefined ||
      unit === undefined ||
      typeof quantity !== 'number' ||
      unitPrice === undefined ||
      grossTotalAmount === undefined ||
      netTotalAmount === undefined
    ) {
      return;
    }
    items.push({
      reference,
      name,
      quantity,
      unit,
      unitPrice,
      ...(taxRate === undefined ? {} : { taxRate }),
      ...(taxAmount === undefined ? {} : { taxAmount }),
      grossTotalAmount,
      netTotalAmount,
    });
  });
  return items.length === value.length ? items : undefined;
}

// After throwIfAny() every required field is there; this says so to the type checker.
function parsed<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('gateway-sim: a field is missing without a reported problem');
  return value;
}

function objectAt(value: unknown, path: string, problems: FieldProblems): JsonObject | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  problems.add(path || 'body', value === undefined ? 'The field is required.' : 'The field is a JSON object.');
  return undefined;
}

function optionalObjectAt(value: unknown, path: string, problems: FieldProblems): JsonObject | undefined {
  return value === undefined || value === null ? undefined : objectAt(value, path, problems);
}

function stringAt(value: unknown, path: string, problems: FieldProblems, rules: { max: number }): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, 'The field is required.');
    return undefined;
  }
  if (value.length > rules.max) {
    problems.add(path, `The field is at most ${rules.max} characters.`);
    return undefined;
  }
  return value;
}

function integerAt(
  value: unknown,
  path: string,
  problems: FieldProblems,
  rules: { min?: number } = {},
): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    problems.add(path, 'The field is a whole number in minor units.');
    return undefined;
  }
  if (rules.min !== undefined && value < rules.min) {
    problems.add(path, `The field is at least ${rules.min}.`);
    return undefined;
  }
  return value;
}

function urlAt(value: unknown, path: string, problems: FieldProblems): string | undefined {
  if (typeof value !== 'string' || value === '') {
    problems.add(path, 'The field is required.');
    return undefined;
  }
  try {
    const url = new URL(value);
    // Real Nexi wants https; the sim also takes http, so a local demo and tests can receive.
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // reported below
  }
  problems.add(path, 'The field is an absolute http(s) URL.');
  return undefined;
}
