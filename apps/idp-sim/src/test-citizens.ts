/**
 * The people the stand-in broker can log in. `sub` is the broker's stable pseudonym for a
 * person (a UUID per broker organisation, as with Signaturgruppen/Idura), `mitidUuid` the
 * MitID person id. `cpr` is what the CPR register knows: the broker hands it out only as
 * NEB does, as the `dk.cpr` claim for the `ssn` scope or as a yes/no from its CPR Match API,
 * so it never appears on the login page or in a log.
 */
export interface TestCitizen {
  readonly sub: string;
  readonly mitidUuid: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  /** Ten digits, no hyphen, as NEB's `dk.cpr`; absent for a MitID user without a CPR number. */
  readonly cpr?: string;
  /** Shown under the name on the login page, to help whoever runs the demo. */
  readonly note?: string;
}

/** The `sub` of each test citizen, for tests and demo data that refer to them. */
export const TEST_CITIZEN_SUBS = {
  metteSorensen: '55018e6e-1f7d-4c6b-82f3-6858c29582a1',
  larsPedersen: '60616963-c8c1-48b7-9d4d-8bfb1432a353',
  hanneChristensen: '3e2b96fd-078d-4b37-92a5-2e7f26753e41',
  nyBorger: '202ad847-d0c2-4cd0-ad67-717f131865cf',
  jonasBerg: '48024e41-c5af-4a16-8831-065d2049a54f',
} as const;

export const TEST_CITIZENS: readonly TestCitizen[] = [
  {
    sub: TEST_CITIZEN_SUBS.metteSorensen,
    mitidUuid: '082193eb-9982-4da4-b00b-0f3c2bb0458c',
    name: 'Mette Sørensen',
    givenName: 'Mette',
    familyName: 'Sørensen',
    cpr: '1505801234',
  },
  {
    sub: TEST_CITIZEN_SUBS.larsPedersen,
    mitidUuid: '71d3d535-d373-4a93-941e-e3348dabca4d',
    name: 'Lars Pedersen',
    givenName: 'Lars',
    familyName: 'Pedersen',
    cpr: '0304751235',
  },
  {
    sub: TEST_CITIZEN_SUBS.hanneChristensen,
    mitidUuid: '0d4d4f58-edb2-4d6b-b248-d7856bf60224',
    name: 'Hanne Christensen',
    givenName: 'Hanne',
    familyName: 'Christensen',
    cpr: '2711691236',
  },
  {
    sub: TEST_CITIZEN_SUBS.nyBorger,
    mitidUuid: '0d4fef38-965b-4a35-80fd-164cc36d8dd5',
    name: 'Sofie Nielsen',
    givenName: 'Sofie',
    familyName: 'Nielsen',
    cpr: '0712952468',
    note: 'Ny borger – kendes ikke af kommunen',
  },
  {
    sub: TEST_CITIZEN_SUBS.jonasBerg,
    mitidUuid: '97d2f4d5-69a7-429f-832b-f20a793aa0a4',
    name: 'Jonas Berg',
    givenName: 'Jonas',
    familyName: 'Berg',
    note: 'MitID uden CPR-nummer',
  },
];

export function findTestCitizen(sub: string): TestCitizen | undefined {
  return TEST_CITIZENS.find((citizen) => citizen.sub === sub);
}
