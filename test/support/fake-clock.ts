import { Clock } from '../../src/infra/clock';

/** A clock the test moves by hand; nothing ever sleeps. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start = '2026-05-11T02:00:00.000Z') {
    super();
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = Date.parse(iso);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
