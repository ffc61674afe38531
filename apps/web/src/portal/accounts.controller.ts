import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pageContext } from './page-context';
import { PortalIdentityService } from './portal-identity.service';
import { accountsPage } from './portal-views';

@Controller('konti')
export class AccountsController {
  constructor(private readonly identity: PortalIdentityService) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = pageContext(req);
    const people = await this.identity.myAccounts(ctx.tenant.slug, req.session.loginId ?? '');
    res.render('portal/accounts', accountsPage(ctx, people));
  }
}
