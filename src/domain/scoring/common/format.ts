// Domain rules §0 (money in CNY, integer yuan): wording helpers for reasons an accountant reads.
import { andList, msg, orList, type Msg, type MsgParam } from '../../i18n/message';
import { toDisplay, type Q, type Rounding } from './exact';

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1,495,000" (two decimals only when there is a fraction). */
export const formatCount = (value: Q): string => {
  const shown = toDisplay(value, 2, 'half-up');
  const [whole = '0', fraction] = Math.abs(shown).toFixed(2).split('.');
  const cents = fraction && fraction !== '00' ? `.${fraction}` : '';
  return `${shown < 0 ? '-' : ''}${group(whole)}${cents}`;
};

/** "CNY 1,495,000" / "1,495,000元". */
export const formatCny = (amount: Q): Msg => {
  const text = formatCount(amount);
  return text.startsWith('-')
    ? msg('fmt.cny', { sign: '-', amount: text.slice(1) })
    : msg('fmt.cny', { sign: '', amount: text });
};

/** "2.99%": two decimals, rounded toward the failing side so the words never contradict the band. */
export const formatPercent = (value: Q, rounding: Rounding = 'half-up'): string =>
  `${toDisplay(value, 2, rounding).toFixed(2)}%`;

export const formatNumber = (value: Q, rounding: Rounding = 'half-up'): string => {
  const shown = toDisplay(value, 2, rounding);
  return Number.isInteger(shown) ? String(shown) : shown.toFixed(2);
};

/** "1 completed year" / "3 completed years": `count.<noun>.one|other` with {n}. */
export const plural = (count: number, noun: string): Msg =>
  msg(`count.${noun}.${count === 1 ? 'one' : 'other'}`, { n: count });

export const listWords = (items: readonly MsgParam[], conjunction: 'and' | 'or' = 'and'): Msg =>
  conjunction === 'and' ? andList(items) : orList(items);

/** An unexpected input value, safely in words. */
export const quote = (value: unknown): string => {
  if (typeof value === 'string') return `"${value}"`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
};
