/**
 * A background loop of one instance: runs `pass` at once, then `intervalMs` after each pass ended
 * (passes never overlap). A failed pass goes to `onError` and the loop goes on. `stop()` ends it;
 * long passes read `stopped` to end early.
 */
export class PollLoop {
  private handle: NodeJS.Timeout | undefined;
  private halted = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.halted = true;
    if (this.handle) clearTimeout(this.handle);
  }

  private schedule(delay: number): void {
    if (this.halted) return;
    this.handle = setTimeout(() => {
      void this.pass()
        .catch(this.onError)
        .finally(() => this.schedule(this.intervalMs));
    }, delay);
    this.handle.unref();
  }
}
