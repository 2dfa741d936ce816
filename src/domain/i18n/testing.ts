// Test helpers: a message, or a list of them, in English (the specs assert the English words).
import type { Msg } from './message';
import { renderMsg } from './render';

export const en = (value: Msg | null | undefined): string =>
  value ? renderMsg(value, 'en') : String(value);
export const enAll = (values: readonly Msg[]): string[] => values.map((value) => en(value));
