import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MyAccountsService, RelationsService } from '@kk/identity';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { accountsPage } from './accounts-views';
import { relationNotice } from './relations-views';

/** "Mine konti". Signed in only (the global guard). */
@Controller('konti')
export class AccountsController {
  constructor(
    private readonly myAccounts: MyAccountsService,
    private readonly relations: RelationsService,
  ) {}

  @Get()
  async show(@SignedInPage() page: SignedInPageContext, @Res() res: Response, @Query('besked') besked: unknown) {
    const [people, toDecide] = await Promise.all([
      this.myAccounts.list(page.caller),
      this.relations.toDecide(page.caller),
    ]);
    res.render('portal/accounts', accountsPage(page, people, toDecide.length, relationNotice(page, besked)));
  }
}
