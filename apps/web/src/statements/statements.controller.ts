import { isUuid } from '@kk/database';
import { Controller, Get, NotFoundException, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import {
  StatementService,
  statementCsvFile,
  statementPdfFile,
  type PageQuery,
  type PeriodQuery,
  type Statement,
  type StatementAnswer,
  type StatementFile,
  type StatementPage,
} from '@kk/statements';
import { RateLimit, RateLimitedFilter, RateLimitGuard, SignedInPage, type SignedInPageContext } from '../kit';
import { statementPage } from './statement-views';

type Shown = Exclude<StatementAnswer<StatementPage>, { kind: 'notFound' }>;

/**
 * The statement: "Kontoudskrift" at Sct. Ibs, "Rapporter" at Gladsaxe (seeds 000 and 004:
 * "Vælg konto, vælg start/slutdato og klik Vis Rapport"), and its CSV and PDF for the same
 * period. Every route is a GET with the period in the query, so a statement can be bookmarked.
 * An account the login may not see, a guessed id or no uuid at all answers 404 on all three.
 * The files are counted per login (kit/rate-limits.ts): a long period's PDF is costly.
 */
@Controller('konti')
@UseFilters(RateLimitedFilter)
export class StatementsController {
  constructor(
    private readonly statements: StatementService,
    private readonly myAccounts: MyAccountsService,
  ) {}

  /** "Vis Rapport" with the account chosen in the form: to that account's address, period kept. */
  @Get('kontoudskrift')
  switchAccount(@Query('konto') konto: unknown, @Query() query: PeriodQuery, @Res() res: Response): void {
    if (typeof konto !== 'string' || !isUuid(konto)) throw new NotFoundException();
    const asked = query.fra !== undefined || query.til !== undefined;
    const period = asked ? `?${new URLSearchParams({ fra: typed(query.fra), til: typed(query.til) }).toString()}` : '';
    res.redirect(303, `/konti/${konto}/kontoudskrift${period}`);
  }

  @Get(':accountId/kontoudskrift')
  async show(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Query() query: PageQuery,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.statements.answerPage(page.caller, accountId, query);
    if (answer.kind === 'notFound') throw new NotFoundException();
    await this.render(page, accountId, answer, res);
  }

  @Get(':accountId/kontoudskrift.csv')
  @RateLimit('statementFile')
  @UseGuards(RateLimitGuard)
  async csv(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') id: string,
    @Query() query: PeriodQuery,
    @Res() res: Response,
  ) {
    await this.download(page, id, query, res, async (statement) =>
      statementCsvFile(page.tenant, statement, page.locale),
    );
  }

  @Get(':accountId/kontoudskrift.pdf')
  @RateLimit('statementFile')
  @UseGuards(RateLimitGuard)
  async pdf(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') id: string,
    @Query() query: PeriodQuery,
    @Res() res: Response,
  ) {
    await this.download(page, id, query, res, (statement) => statementPdfFile(page.tenant, statement, page.locale));
  }

  /** A file of the period; a refused period gets the page with its errors instead (400). */
  private async download(
    page: SignedInPageContext,
    accountId: string,
    query: PeriodQuery,
    res: Response,
    file: (statement: Statement) => Promise<StatementFile>,
  ): Promise<void> {
    const answer = await this.statements.answer(page.caller, accountId, query, { emptyMeansDefault: true });
    if (answer.kind === 'notFound') throw new NotFoundException();
    if (answer.kind !== 'statement') return this.render(page, accountId, answer, res);
    send(res, await file(answer.statement));
  }

  /** The page: the form (and the statement, once asked for); a refused period answers 400. */
  private async render(page: SignedInPageContext, accountId: string, answer: Shown, res: Response): Promise<void> {
    const people = await this.myAccounts.list(page.caller);
    res
      .status(answer.kind === 'invalid' ? 400 : 200)
      .render('statements/statement', statementPage(page, { accountId, people, answer }));
  }
}

function typed(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A download: saved under its name, never shown inline or sniffed as something else. */
function send(res: Response, file: StatementFile): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Content-Length', String(file.body.length));
  res.end(file.body);
}
