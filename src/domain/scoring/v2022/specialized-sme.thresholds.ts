// v2022 Annex 2 (工信部企业〔2022〕63号), specialized SME certification standard: M1–M4, S-D1–S-D4, SN1–SN13.
import type { BandTable } from '../common/bands';
import type { IpPoints } from '../common/direct-routes';

export const SPECIALIZED_SME = {
  mandatory: {
    /** M1: years in the niche market (2年以上). */
    nicheYears: 2,
    /** M2: previous-year R&D expense (不低于100万元) and R&D / revenue (不低于3%). */
    rdAmountMin: 1_000_000,
    rdRatioMin: '3',
    /** M3: previous-year operating revenue (1000万元以上), or equity raised in the last 2 years. */
    revenueMin: 10_000_000,
    equityInsteadMin: 20_000_000,
  },
  direct: {
    /** S-D1: provincial award ranked top 3, national top 5, in the last 3 years. */
    provincialAwardTop: 3,
    nationalAwardTop: 5,
    /** S-D2: average R&D expense over the last 2 years (均值1000万元以上). */
    averageRdMin: 10_000_000,
    /** S-D3: qualified equity raised in the last 2 years. */
    equityMin: 60_000_000,
    /** S-D4: Maker in China national top 500 in the last 3 years. */
    makerInChinaTop: 500,
  },
  dimensions: { specialization: 25, refinement: 25, innovation: 35 },
  /** SN1: previous-year main-business share. */
  mainShare: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '80', points: 5, label: '80% or more' },
      { min: '70', max: '80', points: 3, label: '70–80%' },
      { min: '60', max: '70', points: 1, label: '60–70%' },
      { max: '60', points: 0, label: 'below 60%' },
    ],
  } satisfies BandTable,
  /** SN2: 2-year average main-business growth. */
  growth: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '10', points: 10, label: '10% or more' },
      { min: '8', max: '10', points: 8, label: '8–10%' },
      { min: '6', max: '8', points: 6, label: '6–8%' },
      { min: '4', max: '6', points: 4, label: '4–6%' },
      { min: '0', max: '4', points: 2, label: '0–4%' },
      { max: '0', points: 0, label: 'below 0%' },
    ],
  } satisfies BandTable,
  /** SN3: one point per full 2 years in the niche, capped. */
  nicheYears: { yearsPerPoint: 2, max: 5 },
  /** SN4: dominant product field. */
  productField: {
    gap_filling: 5,
    six_foundations: 3,
    time_honoured: 3,
    key_chain_supplier: 3,
    other: 0,
    max: 5,
  },
  /** SN5: MIIT SME digital level (L1 → 0, L2 → 3, L3+ → 5). */
  digitalLevel: { 1: 0, 2: 3, 3: 5, 4: 5, max: 5 },
  /** SN6: 3 points per quality item, capped. */
  quality: { perItem: 3, max: 5 },
  /** SN7: previous-year net profit / operating revenue. */
  netMargin: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '10', points: 10, label: '10% or more' },
      { min: '8', max: '10', points: 8, label: '8–10%' },
      { min: '6', max: '8', points: 6, label: '6–8%' },
      { min: '4', max: '6', points: 4, label: '4–6%' },
      { min: '2', max: '4', points: 2, label: '2–4%' },
      { max: '2', points: 0, label: 'below 2%' },
    ],
  } satisfies BandTable,
  /** SN8: previous-year debt ratio (lower is better). */
  debtRatio: {
    direction: 'lower-is-better',
    unit: 'percent',
    bands: [
      { max: '50', points: 5, label: '50% or less' },
      { min: '50', max: '60', points: 3, label: '50–60%' },
      { min: '60', max: '70', points: 1, label: '60–70%' },
      { min: '70', points: 0, label: 'above 70%' },
    ],
  } satisfies BandTable,
  /** SN10: valid IP related to the dominant product. */
  ip: { highValueClassI: 10, selfDevelopedClassI: 8, classI: 6, classII: 2 } satisfies IpPoints,
  /** SN11: previous-year R&D input, by amount or by ratio; the better band counts. */
  rdAmount: {
    direction: 'higher-is-better',
    unit: 'cny',
    bands: [
      { min: '5000000', points: 10, label: 'CNY 5 M or more' },
      { min: '4000000', max: '5000000', points: 8, label: 'CNY 4–5 M' },
      { min: '3000000', max: '4000000', points: 6, label: 'CNY 3–4 M' },
      { min: '2000000', max: '3000000', points: 4, label: 'CNY 2–3 M' },
      { min: '1000000', max: '2000000', points: 2, label: 'CNY 1–2 M' },
      { otherwise: true, points: 0, label: 'under CNY 1 M' },
    ],
  } satisfies BandTable,
  rdRatio: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '10', points: 10, label: '10% or more' },
      { min: '8', max: '10', points: 8, label: '8–10%' },
      { min: '6', max: '8', points: 6, label: '6–8%' },
      { min: '4', max: '6', points: 4, label: '4–6%' },
      { min: '3', max: '4', points: 2, label: '3–4%' },
      { otherwise: true, points: 0, label: 'under 3%' },
    ],
  } satisfies BandTable,
  /** SN12: previous-year R&D staff / employees. */
  rdStaff: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '20', points: 5, label: '20% or more' },
      { min: '10', max: '20', points: 3, label: '10–20%' },
      { min: '5', max: '10', points: 1, label: '5–10%' },
      { max: '5', points: 0, label: 'below 5%' },
    ],
  } satisfies BandTable,
  /** SN13: level of the enterprise's own R&D institution. */
  rdInstitution: {
    national: 10,
    provincial: 8,
    municipal: 4,
    below_municipal: 2,
    none: 0,
    max: 10,
  },
} as const;
