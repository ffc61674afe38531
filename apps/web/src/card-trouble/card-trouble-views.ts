import {
  cardChecklist,
  copenhagenTime,
  currentCardOf,
  DECLINE_WINDOW_DAYS,
  explainDecline,
  tillPlace,
  type AccountNow,
  type CardTroubleFacts,
  type CheckState,
  type FixAction,
} from '@kk/card-trouble';
import { t, type Locale } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { portalView, type PageContext } from '../kit';

/** The status colours the portal already has: green for fine, red for what stops the card. */
const STATE_CLASS: Record<CheckState, string> = { ok: 'completed', problem: 'blocked', info: 'info' };

interface ActionLink {
  readonly href: string;
  readonly label: string;
}

function actionLinks(accountId: string, locale: Locale): Record<FixAction, ActionLink> {
  return {
    details: { href: `/konti/${accountId}/oplysninger`, label: t(locale, 'cardTrouble.action.details') },
    deposit: { href: `/konti/${accountId}/indbetal`, label: t(locale, 'cardTrouble.action.deposit') },
  };
}

/** "Kortet virker ikke": the seeds' checklist answered for the account, its old cards, the latest declines explained. */
export function cardTroublePage(page: PageContext, facts: CardTroubleFacts) {
  const { locale } = page;
  const links = actionLinks(facts.accountId, locale);
  const now: AccountNow = {
    account: facts.account,
    currentCard: currentCardOf(facts.cards),
    cardNumbers: facts.cards.map((card) => card.cardNumber),
  };
  return portalView(page, 'cardTrouble.title', {
    accountId: facts.accountId,
    holder: facts.account.holderName,
    days: DECLINE_WINDOW_DAYS,
    checks: cardChecklist(facts, locale).map((item) => ({
      topic: t(locale, `cardTrouble.topic.${item.topic}`),
      state: item.state,
      stateClass: STATE_CLASS[item.state],
      stateLabel: t(locale, `cardTrouble.check.${item.state}`),
      lines: item.lines,
      fix: item.fix,
      link: item.action ? links[item.action] : null,
    })),
    oldCards: facts.cards
      .filter((card) => card.status === 'replaced')
      .map((card) =>
        card.lastSeenAt
          ? t(locale, 'cardTrouble.oldCard.seen', {
              card: card.cardNumber,
              when: copenhagenTime(card.lastSeenAt, locale),
            })
          : t(locale, 'cardTrouble.oldCard.neverSeen', { card: card.cardNumber }),
      ),
    declines: facts.declines.map((decline) => {
      const explained = explainDecline(decline, now, locale);
      return {
        id: decline.id,
        reason: decline.reason,
        heading: t(locale, 'cardTrouble.decline.heading', {
          when: copenhagenTime(decline.at, locale),
          amount: formatKroner(decline.amount),
        }),
        place: t(locale, 'cardTrouble.decline.place', { place: tillPlace(locale, decline.tillName, decline.unitName) }),
        card: t(locale, 'cardTrouble.decline.card', { card: decline.cardNumber }),
        cause: explained.cause,
        fix: explained.fix,
        resolved: explained.resolved,
        link: explained.action ? links[explained.action] : null,
      };
    }),
  });
}
