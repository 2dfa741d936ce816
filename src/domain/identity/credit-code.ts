// GB 32100-2015 unified social credit code: 18 characters from a 31-character alphabet (no I, O,
// S, V, Z); the last is a check character over the first 17, modulo 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const creditCodeCheckCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`Invalid character at ${i}`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
};

export type CreditCodeProblem = 'length' | 'characters' | 'check_character';

export const creditCodeProblem = (code: string): CreditCodeProblem | null => {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check_character';
};

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

/** The administrative division code embedded in characters 3–8. */
export const creditCodeRegion = (code: string): string => code.slice(2, 8);
