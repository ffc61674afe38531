/** What the demo seeds per tenant: places, tills and cardholders in believable states. */
export interface DemoCardholder {
  readonly name: string;
  readonly cpr: string;
  readonly cardNumber: string;
  readonly email?: string;
  readonly balance: number;
  readonly dailyLimit?: number;
  readonly weeklyLimit?: number;
  readonly monthlyLimit?: number;
  readonly blocked?: boolean;
  /** Unit names the card may pay in (device restriction). */
  readonly onlyAt?: readonly string[];
  readonly note: string;
}

export interface DemoTenantData {
  readonly units: readonly { name: string; tills: readonly string[] }[];
  readonly cardholders: readonly DemoCardholder[];
}

export const DEMO_DATA: Record<string, DemoTenantData> = {
  sctibs: {
    units: [
      { name: 'Kantinen', tills: ['Kasse 1'] },
      { name: 'Caféen', tills: ['Kasse 2'] },
    ],
    cardholders: [
      {
        name: 'Alma Jensen',
        cpr: '0103124123',
        cardNumber: '1000200030004001',
        email: 'forælder.alma@example.dk',
        balance: 15_000,
        dailyLimit: 6_000,
        note: 'daily limit 60 kr',
      },
      {
        name: 'Oscar Nielsen',
        cpr: '1408114235',
        cardNumber: '1000200030004002',
        balance: 2_500,
        weeklyLimit: 25_000,
        note: 'low balance, weekly limit 250 kr',
      },
      {
        name: 'Freja Hansen',
        cpr: '2209104346',
        cardNumber: '1000200030004003',
        balance: 50_000,
        monthlyLimit: 100_000,
        note: 'monthly limit 1.000 kr',
      },
      {
        name: 'Viktor Larsen',
        cpr: '0512134457',
        cardNumber: '1000200030004004',
        balance: 8_000,
        blocked: true,
        note: 'card blocked',
      },
    ],
  },
  gladsaxe: {
    units: [
      { name: 'Rådhuskantinen', tills: ['Kasse A'] },
      { name: 'Bibliotekscaféen', tills: ['Kasse B'] },
    ],
    cardholders: [
      {
        name: 'Mette Sørensen',
        cpr: '1505801234',
        cardNumber: 'GK1001A',
        email: 'mette@example.dk',
        balance: 30_000,
        onlyAt: ['Rådhuskantinen'],
        note: 'may pay only in Rådhuskantinen',
      },
      {
        name: 'Lars Pedersen',
        cpr: '0304751235',
        cardNumber: 'GK1002B',
        balance: 4_000,
        note: 'below the 50 kr threshold',
      },
      { name: 'Hanne Christensen', cpr: '2711691236', cardNumber: 'GK1003C', balance: 0, note: 'empty' },
    ],
  },
};
