// v2026 Annex 2 (工信部企业〔2026〕2号, in force 2026-04-01), little-giant standard: conditions 1–10 (§9).
export const LITTLE_GIANT_2026 = {
  /** 1: years in the niche at 31 Dec P (no 2-year exception). */
  nicheYears: 3,
  /** 2: operating revenue in P. */
  revenueMin: 50_000_000,
  /** 3: main-business share in P. */
  mainShareMin: '90',
  /** 4: two-year compound growth P−2 → P: revenue(P) × 10,000 ≥ revenue(P−2) × 11,025. */
  compoundGrowthMin: '5',
  /** 5: debt ratio at the end of P. */
  debtRatioMax: '75',
  /** 6: R&D(P−1) + R&D(P), and R&D / revenue in each year. */
  rdTwoYearTotalMin: 12_000_000,
  rdRatioMin: '3',
  /** 7: Class I IP in use and earning revenue; waived by a national award ranked ≤ 3. */
  classIAppliedMin: 4,
  nationalAwardTop: 3,
  /** 8: domestic or international niche share, or domestic rank. */
  marketShareMin: '10',
  nationalRankTop: 3,
  /** 10: platform score; the pass mark itself is configuration (v2026.littleGiantPassMark). */
} as const;
