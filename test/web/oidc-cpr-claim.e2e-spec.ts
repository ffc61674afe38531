import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { startMitIdTestBed, type MitIdTestBed } from './mitid-test-login';

jest.setTimeout(60_000);

/**
 * Claim mode (a public-sector broker agreement): the broker puts the CPR in the signed ID
 * token for the `ssn` scope, so the portal asks nothing and links on that claim alone.
 */
describe('MitID login: CPR linked on the broker’s CPR claim', () => {
  let bed: MitIdTestBed;

  beforeAll(async () => {
    bed = await startMitIdTestBed([SUB.metteSorensen], {
      oidcLogin: { cprVerification: 'claim', scopes: ['openid', 'profile', 'mitid', 'ssn'] },
    });
  });
  afterAll(() => bed?.stop());

  it('signs the citizen in on the first login without asking for the CPR', async () => {
    const a = bed.agent();
    const back = await bed.logIn(a, SUB.metteSorensen);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/konti');
    expect((await a.get('/konti').set('Host', bed.host)).text).toContain('Mette Sørensen');
    // The CPR question does not exist in this mode for a signed-in or any other session.
    expect((await a.get('/auth/oidc/cpr').set('Host', bed.host)).status).toBe(403);
  });

  it('tells a citizen the broker vouches for, but who has no card here, whom to contact', async () => {
    const a = bed.agent();
    const res = await bed.logIn(a, SUB.nyBorger);
    expect(res.status).toBe(404);
    expect(res.text).toContain('Der er ikke registreret et kantinekort til dit CPR-nummer');
    expect((await a.get('/konti').set('Host', bed.host)).status).toBe(303);
  });

  it('tells a citizen without a CPR number plainly', async () => {
    const res = await bed.logIn(bed.agent(), SUB.jonasBerg);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Dit MitID er ikke knyttet til et CPR-nummer');
  });
});
