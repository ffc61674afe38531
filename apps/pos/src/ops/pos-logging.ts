import { fastifyHttpLogging, type FastifyHttpLogging, type LogSettings } from '@kk/observability';
import { posRequestContext } from './pos-request-context';

// Every card lookup's URL holds a card number.
const SECRET_PATH_PREFIXES = ['/pos/v1/cards/'];

/** The till API's JSON logs: Nest's own lines and one line per request, with tenant and till. */
export function posHttpLogging(log: Pick<LogSettings, 'level' | 'destination'> = {}): FastifyHttpLogging {
  return fastifyHttpLogging({
    app: 'pos',
    ...log,
    requestContext: posRequestContext,
    secretPathPrefixes: SECRET_PATH_PREFIXES,
    // A line per answered purchase halved the bench's HTTP throughput (~1,000 -> ~490 req/s);
    // every decision is in the purchase log anyway. Refusals (info) and errors stay.
    successLevel: 'debug',
  });
}
