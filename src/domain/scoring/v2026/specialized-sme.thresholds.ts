// v2026 Annex 1 (工信部企业〔2026〕2号, in force 2026-04-01), specialized SME standard: conditions 1–8 (§9).
export const SPECIALIZED_SME_2026 = {
  /** 1: years in the niche at 31 Dec P. */
  nicheYears: 3,
  /** 2: operating revenue in P, or qualified equity raised in P−1..P. */
  revenueMin: 15_000_000,
  equityInsteadMin: 20_000_000,
  /** 3: main-business share in P. */
  mainShareMin: '80',
  /** 4: debt ratio at the end of P. */
  debtRatioMax: '80',
  /** 5: in each of P−1 and P. */
  rdAmountMin: 1_000_000,
  rdRatioMin: '3',
  /** 6: Class I IP in use and earning revenue; waived by an award ranked ≤ 3 or an R&D institution. */
  classIAppliedMin: 1,
  awardTop: 3,
  /** 8: platform score; the pass mark itself is configuration (v2026.specializedPassMark). */
} as const;
