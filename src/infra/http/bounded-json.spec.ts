import { assertJsonWithinLimits } from './bounded-json';

const limits = { depth: 4, nodes: 10 };
const check = (text: string) => {
  try {
    assertJsonWithinLimits(text, limits);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('JSON limits, measured on the text before parsing', () => {
  it.each([
    ['flat object', '{"a":1,"b":[1,2],"c":{"d":"x"}}', 'ok'],
    ['depth 4', '[[[[1]]]]', 'ok'],
    ['depth 5', '[[[[[1]]]]]', 'The JSON body is nested deeper than 4 levels'],
    ['10 values', '[1,2,3,4,5,6,7,8,9,10]', 'ok'],
    ['11 values', '[1,2,3,4,5,6,7,8,9,10,11]', 'The JSON body is made of more than 10 values'],
    ['brackets and commas inside strings', '{"a":"[[[[[[,,,,,,,,,,,,]]]]]]"}', 'ok'],
    ['escaped quotes inside strings', '{"a":"\\"[[[[[[[\\""}', 'ok'],
    [
      'an escaped backslash before a closing quote',
      '{"a":"\\\\","b":[[[[1]]]]}',
      'The JSON body is nested deeper than 4 levels',
    ],
  ])('%s', (_name, text, expected) => {
    expect(check(text)).toBe(expected);
  });
});
