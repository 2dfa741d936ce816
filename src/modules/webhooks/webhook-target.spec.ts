import { isSpecialAddress, specialTargetProblem } from './webhook-target';

describe('webhook targets (SSRF)', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['202.96.134.133', false],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', true],
  ])('%s is special: %s', (address, special) => {
    expect(isSpecialAddress(address)).toBe(special);
  });

  it.each([
    ['http://127.0.0.1:8080/hook', true],
    ['http://[::1]/hook', true],
    ['http://169.254.169.254/latest/meta-data', true],
    ['http://localhost/hook', true],
    ['https://8.8.8.8/hook', false],
  ])('%s is refused: %s', async (url, refused) => {
    expect((await specialTargetProblem(url)) !== null).toBe(refused);
  });
});
