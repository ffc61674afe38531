import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MyAccountsService, RelationsService } from '@kk/identity';
import { relationNotice } from '../relations/relations-views';
import { pageContext } from './page-context';
import { accountsPage } from './portal-views';

@Controller('konti')
export class AccountsController {
  constructor(
    private readonly myAccounts: MyAccountsService,
    private readonly relations: RelationsService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Query('besked') besked: unknown): Promise<void> {
    const ctx = pageContext(req);
    const loginId = req.session.loginId ?? '';
    const [people, toDecide] = await Promise.all([
      this.myAccounts.list({ tenantId: ctx.tenant.slug, loginId }),
      this.relations.toDecide({ tenantId: ctx.tenant.slug, loginId }),
    ]);
    res.render('portal/accounts', accountsPage(ctx, people, toDecide.length, relationNotice(ctx, besked)));
  }
}
