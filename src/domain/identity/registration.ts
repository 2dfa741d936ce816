// What a self-registration must hold before anything is stored or hashed (security review L10):
// the region is where the enterprise is registered (a county, or a city without counties), in the
// province of the authority that issued its credit code; it was established in the past; its name is
// plain text.
import type { FieldError } from '../errors';
import { creditCodeRegion } from './credit-code';

// C0 and C1 controls, bidirectional overrides and isolates, and angle brackets.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_PLAIN_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/;

export type RegistrationInput = {
  creditCode: string;
  name: string;
  regionCode: string;
  establishedOn: string;
};

export const registrationProblems = (
  input: RegistrationInput,
  context: {
    /** Today, in China (YYYY-MM-DD). */
    today: string;
    /** Whether a region code has no divisions under it (a county, or a city without counties). */
    isLeafRegion: (code: string) => boolean;
  },
): FieldError[] => {
  const problems: FieldError[] = [];
  if (!context.isLeafRegion(input.regionCode)) {
    problems.push({
      field: 'regionCode',
      message: 'must be the county (or a city without counties) where the enterprise is registered',
    });
  }
  const issuer = creditCodeRegion(input.creditCode);
  if (/^\d{6}$/.test(issuer) && issuer.slice(0, 2) !== input.regionCode.slice(0, 2)) {
    problems.push({
      field: 'regionCode',
      message: `must lie in the province of the authority that issued the credit code (${issuer.slice(0, 2)}0000)`,
    });
  }
  if (input.establishedOn > context.today) {
    problems.push({ field: 'establishedOn', message: 'must not be in the future' });
  }
  if (NOT_PLAIN_TEXT.test(input.name)) {
    problems.push({
      field: 'name',
      message: 'must be plain text (no control or direction characters, no < or >)',
    });
  }
  return problems;
};
