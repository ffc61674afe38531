import { Module } from '@nestjs/common';
import { AccountActionsController } from './account-actions.controller';
import { AccountsController } from './accounts.controller';
import { RelationsController } from './relations.controller';

/**
 * Everything under /konti: "Mine konti", each account's entry points, and "Tilføj konto" with
 * "Godkend tilknytninger". One feature, because these pages show each other's state: Mine
 * konti counts the requests waiting, shows the notice a relation redirect names, and links
 * each account's actions.
 */
@Module({ controllers: [AccountsController, RelationsController, AccountActionsController] })
export class AccountsModule {}
