import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentTenant, type TenantConfig } from '@kk/tenancy';
import { Public } from '../auth/public.decorator';
import { localeOf } from '../session/locale-cookie';
import { presentFrontPage } from './front-page.presenter';

@Controller()
export class FrontPageController {
  /** The way in; someone already signed in on this host goes straight to Mine konti. */
  @Public()
  @Get()
  show(@CurrentTenant() tenant: TenantConfig, @Req() req: Request, @Res() res: Response): void {
    if (req.session?.loginId && req.session.tenantId === tenant.slug) return res.redirect(303, '/konti');
    res.render('front-page', presentFrontPage(tenant, localeOf(req, tenant)));
  }
}
