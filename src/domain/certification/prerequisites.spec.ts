import { checkPrerequisites, type TitleRecord } from './prerequisites';

const title = (overrides: Partial<TitleRecord>): TitleRecord => ({
  tier: 'innovative_sme',
  state: 'active',
  validFrom: '2025-06-01',
  validTo: '2028-05-31',
  barUntil: null,
  ...overrides,
});

const check = (
  tier: TitleRecord['tier'],
  titles: TitleRecord[],
  date = '2026-05-11',
  require = true,
) => checkPrerequisites({ tier, date, titles, requireInnovativeTitleForSpecialized: require });

describe('prerequisites for applying', () => {
  it('lets anyone apply for the innovative tier', () => {
    expect(check('innovative_sme', [])).toBeNull();
  });

  it.each([
    ['no title at all', [], 'PREREQUISITE_NOT_MET'],
    ['a valid innovative title', [title({})], null],
    [
      'an innovative title that expired the day before',
      [title({ validTo: '2026-05-10' })],
      'PREREQUISITE_NOT_MET',
    ],
    ['an innovative title valid through the day', [title({ validTo: '2026-05-11' })], null],
    [
      'an innovative title not yet valid',
      [title({ validFrom: '2026-05-12' })],
      'PREREQUISITE_NOT_MET',
    ],
    ['a revoked innovative title', [title({ state: 'revoked' })], 'PREREQUISITE_NOT_MET'],
    [
      'an innovative title under re-review past its end',
      [title({ state: 'underReReview', validTo: '2026-01-01' })],
      null,
    ],
  ] as const)('specialized SME with %s → %s', (_label, titles, expected) => {
    expect(check('specialized_sme', [...titles])?.code ?? null).toBe(expected);
  });

  it('does not require the innovative title where the province does not', () => {
    expect(check('specialized_sme', [], '2026-05-11', false)).toBeNull();
  });

  it('always requires a valid specialized title for a little giant', () => {
    expect(check('little_giant', [title({})], '2026-05-11', false)?.code).toBe(
      'PREREQUISITE_NOT_MET',
    );
    expect(check('little_giant', [title({ tier: 'specialized_sme' })])).toBeNull();
  });

  it('refuses while a revocation bar runs, through its last day', () => {
    const revoked = title({ state: 'revoked', barUntil: '2029-05-11' });
    expect(check('innovative_sme', [revoked], '2029-05-11')).toMatchObject({
      code: 'APPLICATION_BARRED',
      reasons: [{ key: 'prereq.barred', params: { date: '2029-05-11' } }],
    });
    expect(check('innovative_sme', [revoked], '2029-05-12')).toBeNull();
  });

  it('refuses a second title of a tier already held', () => {
    expect(check('innovative_sme', [title({})])?.code).toBe('DUPLICATE');
  });
});
