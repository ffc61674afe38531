import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { setCurrentTenant } from './tenant-context';
import { TenantRegistry } from './tenant-registry';

// Deliberately plain and the same for every unknown host: it must not reveal which tenants exist.
const UNKNOWN_HOST_PAGE = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Siden findes ikke</title></head>
<body>
<main>
<h1>Siden findes ikke</h1>
<p>Denne adresse hører ikke til en kantinekortportal. Tjek adressen, eller brug linket fra din skole eller kommune.</p>
<p lang="en">This address does not belong to a canteen-card portal.</p>
</main>
</body>
</html>
`;

/** Resolves the tenant from the Host header; an unknown host gets a plain 404 page. */
@Injectable()
export class TenantHostMiddleware implements NestMiddleware<Request, Response> {
  constructor(private readonly registry: TenantRegistry) {}

  use(request: Request, response: Response, next: NextFunction): void {
    // Express' req.host keeps the port and honours "trust proxy" for X-Forwarded-Host.
    const tenant = this.registry.byHost(request.host ?? '');
    if (!tenant) {
      response.status(404).type('html').setHeader('Cache-Control', 'no-store').send(UNKNOWN_HOST_PAGE);
      return;
    }
    setCurrentTenant(request, tenant);
    next();
  }
}
