import { csvField } from './audit.service';

describe('CSV cells (security review M6)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-1-1', "'-1-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['plain, with a comma', '"plain, with a comma"'],
    ['say "hi"', '"say ""hi"""'],
    [null, ''],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
