import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Page, Public, type PageContext } from '../kit';
import { presentFrontPage } from './front-page.presenter';

@Controller()
export class FrontPageController {
  /** The way in; someone already signed in on this host goes straight to Mine konti. */
  @Public()
  @Get()
  show(@Page() page: PageContext, @Res() res: Response): void {
    if (page.login) return res.redirect(303, '/konti');
    res.render('front-page', presentFrontPage(page.tenant, page.locale));
  }
}
