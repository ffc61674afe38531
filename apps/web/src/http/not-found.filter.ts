import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { findCurrentTenant } from '@kk/tenancy';
import type { Request, Response } from 'express';
import { presentLayout } from '../layout/layout.presenter';

/** A Danish 404 page, in the tenant's theme when the host is known. */
@Catch(NotFoundException)
export class NotFoundFilter implements ExceptionFilter<NotFoundException> {
  catch(_exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    response.status(404).render('errors/not-found', presentLayout(findCurrentTenant(request), 'Siden findes ikke'));
  }
}
