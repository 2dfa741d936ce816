import { PollLoop } from './poll-loop';

describe('PollLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then an interval after each pass, and not after stop', async () => {
    let passes = 0;
    const loop = new PollLoop(
      () => Promise.resolve(void passes++),
      1000,
      () => undefined,
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(999);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    loop.stop();
    expect(loop.stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(2);
  });

  it('reports a failed pass and goes on', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const loop = new PollLoop(
      () => {
        passes++;
        return passes === 1 ? Promise.reject(new Error('database away')) : Promise.resolve();
      },
      100,
      (e) => errors.push(e),
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    expect(passes).toBe(2);
    loop.stop();
  });

  it('never overlaps a slow pass with the next', async () => {
    let active = 0;
    let most = 0;
    const loop = new PollLoop(
      async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 500));
        active--;
      },
      10,
      () => undefined,
    );
    loop.start();
    await jest.advanceTimersByTimeAsync(3000);
    loop.stop();
    expect(most).toBe(1);
  });
});
