import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode } from './credit-code';

describe('GB 32100 credit code', () => {
  it.each([
    // Published codes of real organisations (public registers).
    ['91350100M000100Y43', true],
    ['91350100M000100Y44', false],
  ])('given %s, validity is %s', (code, expected) => {
    expect(isValidCreditCode(code)).toBe(expected);
  });

  it('computes the check character so that a generated code validates', () => {
    const body = '91130102MA0CX1234';
    const code = body + creditCodeCheckCharacter(body);
    expect(creditCodeProblem(code)).toBeNull();
  });

  it.each([
    ['9113010', 'length'],
    ['91130102MA0CX1234I', 'characters'],
    ['9113010AMA0CX12345', 'characters'],
  ])('given %s, the problem is %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('refuses every wrong check character', () => {
    const body = '91130102MA0CX1234';
    const right = creditCodeCheckCharacter(body);
    const wrong = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').filter((c) => c !== right);
    for (const c of wrong) expect(creditCodeProblem(body + c)).toBe('check_character');
  });
});
