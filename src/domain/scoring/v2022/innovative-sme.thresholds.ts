// v2022 Annex 1 (工信部企业〔2022〕63号), innovative SME evaluation standard: direct routes D1–D4 and IN1–IN6.
import type { BandTable } from '../common/bands';
import type { IpPoints } from '../common/direct-routes';

export const INNOVATIVE_SME = {
  /** D4: qualified paid-in equity in the last 3 years, CNY (500万元以上). */
  directEquityMin: 5_000_000,
  dimensions: {
    innovation: { max: 40 },
    growth: { max: 30 },
    specialization: { max: 30 },
  },
  /** IN1: valid IP related to the dominant product (nested counts, §10). */
  ip: { highValueClassI: 20, selfDevelopedClassI: 15, classI: 10, classII: 5 } satisfies IpPoints,
  /** IN2: previous-year R&D expense / operating revenue. */
  rdRatio: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '5', points: 20, label: '5% or more' },
      { min: '3', max: '5', points: 15, label: '3–5%' },
      { min: '2', max: '3', points: 10, label: '2–3%' },
      { min: '1', max: '2', points: 5, label: '1–2%' },
      { max: '1', points: 0, label: 'below 1%' },
    ],
  } satisfies BandTable,
  /** IN3: previous-year main-business revenue growth. */
  growth: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '15', points: 20, label: '15% or more' },
      { min: '10', max: '15', points: 15, label: '10–15%' },
      { min: '5', max: '10', points: 10, label: '5–10%' },
      { min: '0', max: '5', points: 5, label: '0–5%' },
      { max: '0', points: 0, label: 'below 0%' },
    ],
  } satisfies BandTable,
  /** IN4: previous-year debt ratio (lower is better). */
  debtRatio: {
    direction: 'lower-is-better',
    unit: 'percent',
    bands: [
      { max: '55', points: 10, label: '55% or less' },
      { min: '55', max: '75', points: 5, label: '55–75%' },
      { min: '75', points: 0, label: 'above 75%' },
    ],
  } satisfies BandTable,
  /** IN5: dominant product in the Strategic Emerging Industries Classification. */
  field: { strategicEmerging: 10, other: 5, max: 10 },
  /** IN6: previous-year main-business revenue / operating revenue. */
  mainShare: {
    direction: 'higher-is-better',
    unit: 'percent',
    bands: [
      { min: '70', points: 20, label: '70% or more' },
      { min: '60', max: '70', points: 15, label: '60–70%' },
      { min: '55', max: '60', points: 10, label: '55–60%' },
      { min: '50', max: '55', points: 5, label: '50–55%' },
      { max: '50', points: 0, label: 'below 50%' },
    ],
  } satisfies BandTable,
} as const;
