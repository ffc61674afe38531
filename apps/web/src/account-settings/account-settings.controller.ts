import { Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CardSettingsService, ProfileSettingsService, SpendingSettingsService } from '@kk/account-settings';
import { isUuid } from '@kk/database';
import { Form, formSchema, SignedInPage, textField, type FormValues, type SignedInPageContext } from '../kit';
import { AttemptBudgets } from './attempt-budgets';
import { settingsCaller } from './settings-caller';
import { noticeText } from './settings-notices';
import { SettingsPages } from './settings-pages';

// The block button posts what it says; anything else was not sent by the page (the 400 page).
const blockForm = formSchema({ handling: z.enum(['spaer', 'aktiver']) });
const cardNumberForm = formSchema({ cardNumber: textField });
const limitsForm = formSchema({ daily: textField, weekly: textField, monthly: textField });
// Ticked boxes arrive as one value or a list; anything else (nested, tampered) as none.
const unitsForm = formSchema({
  enheder: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .catch([]),
});
const contactForm = formSchema({ email: textField, street: textField, postalCode: textField, city: textField });

/**
 * "Brugeroplysninger" (both seeds): per account, only what the tenant offers, each section its
 * own form with its own POST. An account the login may not see, a guessed id or no uuid at all
 * answers 404 on every route, and changes nothing. The photo has its own controller.
 */
@Controller('konti')
export class AccountSettingsController {
  constructor(
    private readonly pages: SettingsPages,
    private readonly cards: CardSettingsService,
    private readonly spending: SpendingSettingsService,
    private readonly profile: ProfileSettingsService,
    private readonly budgets: AttemptBudgets,
  ) {}

  /** The account switcher, which works without script: a GET form naming the account. */
  @Get('oplysninger')
  switchAccount(@Query('konto') konto: unknown, @Res() res: Response): void {
    if (typeof konto !== 'string' || !isUuid(konto)) throw new NotFoundException();
    res.redirect(303, `/konti/${konto}/oplysninger`);
  }

  @Get(':accountId/oplysninger')
  show(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Query('besked') besked: unknown,
    @Res() res: Response,
  ): Promise<void> {
    return this.pages.render(res, page, accountId, 200, { notice: noticeText(page.locale, besked) });
  }

  @Post(':accountId/oplysninger/spaerring')
  async block(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(blockForm) form: FormValues<typeof blockForm>,
    @Res() res: Response,
  ): Promise<void> {
    const blocked = form.handling === 'spaer';
    const outcome = await this.cards.setBlocked(settingsCaller(page), accountId, blocked);
    await this.pages.answer(res, page, accountId, outcome, {
      form: 'block',
      notice: blocked ? 'spaerret' : 'aktiveret',
    });
  }

  @Post(':accountId/oplysninger/kortnummer')
  async cardNumber(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(cardNumberForm) form: FormValues<typeof cardNumberForm>,
    @Res() res: Response,
  ): Promise<void> {
    const budget = this.budgets.of('cardNumber', page);
    const outcome = await this.cards.changeCardNumber(
      settingsCaller(page),
      page.tenant,
      accountId,
      form.cardNumber,
      budget,
    );
    await this.pages.answer(res, page, accountId, outcome, { form: 'cardNumber', notice: 'kortnummer', values: form });
  }

  @Post(':accountId/oplysninger/graenser')
  async limits(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(limitsForm) form: FormValues<typeof limitsForm>,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.spending.saveLimits(settingsCaller(page), page.tenant, accountId, form);
    await this.pages.answer(res, page, accountId, outcome, { form: 'limits', notice: 'graenser', values: form });
  }

  @Post(':accountId/oplysninger/enheder')
  async units(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(unitsForm) form: FormValues<typeof unitsForm>,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.spending.saveUnits(settingsCaller(page), page.tenant, accountId, form.enheder);
    const values = { units: form.enheder };
    await this.pages.answer(res, page, accountId, outcome, { form: 'units', notice: 'enheder', values });
  }

  @Post(':accountId/oplysninger/kontakt')
  async contact(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(contactForm) form: FormValues<typeof contactForm>,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.profile.saveContact(settingsCaller(page), accountId, form);
    await this.pages.answer(res, page, accountId, outcome, { form: 'contact', notice: 'kontakt', values: form });
  }
}
