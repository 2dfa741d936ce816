// v2022 Annex 3 (工信部企业〔2022〕63号), little-giant standard: six pass/fail dimensions.
export const LITTLE_GIANT = {
  specialization: {
    /** As of the previous year-end: years in the niche market (3年以上). */
    nicheYears: 3,
    /** The 2-year relaxation for key gap-filling firms [U], off by default. */
    relaxedNicheYears: 2,
    /** Main-business revenue / operating revenue (不低于70%). */
    mainShareMin: '70',
    /** Average main-business growth over the last 2 years (不低于5%). */
    growthMin: '5',
  },
  refinement: { debtRatioMax: '70' },
  distinctiveness: { nationalShareMin: '10' },
  innovation: {
    /** General (a): R&D intensity tiers by previous-year operating revenue. */
    largeRevenue: 100_000_000,
    midRevenue: 50_000_000,
    largeRdRatioMin: '3',
    midRdRatioMin: '6',
    smallEquityMin: 80_000_000,
    smallRdMin: 30_000_000,
    smallRdStaffMin: '50',
    /** General (c): Class I IP related to the dominant product, used and earning revenue. */
    classIMin: 2,
    /** Direct (a): national S&T award ranked top 3; direct (b): Maker in China national top 50. */
    nationalAwardTop: 3,
    makerInChinaTop: 50,
  },
} as const;
