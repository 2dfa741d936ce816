// Folds the audit log into the statistics tables, from where it last stopped. Run before every
// statistic is read (so a statistic counts every committed event) and safe to run from several
// requests or instances at once: each batch moves the cursor from the value it read, and a batch
// that finds it moved rolls back and starts again from the new value.
import { Inject, Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import type { WorkdayCalendar } from '../../domain/calendar/working-days';
import {
  applyApplicationEvent,
  applyCertificateEvent,
  applicationCounterDeltas,
  certificateCounterDeltas,
  overdueCounterDelta,
  type ApplicationStat,
  type CertificateStat,
  type CounterDelta,
  type StatEvent,
} from '../../domain/statistics/projection';
import { WORKDAY_CALENDAR } from '../../infra/calendar/china-workday-calendar';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { StatisticsRepository, type StageDaysSample } from './statistics.repository';

const PAGE = 2000;
const MAX_RETRIES = 5;

class CursorMoved extends Error {}

@Injectable()
export class StatisticsProjector {
  private readonly mutex = new Mutex();

  constructor(
    private readonly repository: StatisticsRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly transactions: TransactionRunner,
    @Inject(WORKDAY_CALENDAR) private readonly calendar: WorkdayCalendar,
  ) {}

  /** Folds every event committed so far; returns the number of events read. */
  catchUp(): Promise<number> {
    return this.mutex.runExclusive(async () => {
      let total = 0;
      let retries = 0;
      for (;;) {
        const from = await this.repository.cursor();
        const page = await this.auditLog.page({}, from, PAGE);
        if (page.length === 0) return total;
        try {
          await this.transactions.run(async (em) => {
            // The cursor first: its row lock makes a second folder of the same batch wait here,
            // then find the cursor moved, rather than meet this one in the counters' rows.
            const to = Number(page[page.length - 1]!.seq);
            if (!(await this.repository.advanceCursor(em, from, to))) throw new CursorMoved();
            await this.fold(
              em,
              page.map((row) => ({
                seq: Number(row.seq),
                at: row.at,
                subjectType: row.subjectType,
                subjectId: row.subjectId,
                enterpriseId: row.enterpriseId,
                regionCode: row.regionCode,
                event: row.event,
                toState: row.toState,
                data: row.data === null ? null : (JSON.parse(row.data) as unknown),
              })),
            );
          });
          total += page.length;
          retries = 0;
        } catch (error) {
          if (!(error instanceof CursorMoved) || ++retries > MAX_RETRIES) throw error;
        }
        if (page.length < PAGE) return total;
      }
    });
  }

  private async fold(
    em: Parameters<Parameters<TransactionRunner['run']>[0]>[0],
    events: StatEvent[],
  ) {
    const applicationIds = [
      ...new Set(events.filter((e) => e.subjectType === 'application').map((e) => e.subjectId)),
    ];
    const certificateIds = [
      ...new Set(events.filter((e) => e.subjectType === 'certificate').map((e) => e.subjectId)),
    ];
    const applications = await this.repository.applicationsOf(em, applicationIds);
    const certificates = await this.repository.certificatesOf(em, certificateIds);
    const changedApplications = new Map<string, ApplicationStat>();
    const changedCertificates = new Map<string, CertificateStat>();
    const counters: CounterDelta[] = [];
    const stageDays: StageDaysSample[] = [];
    for (const e of events) {
      if (e.subjectType === 'application') {
        const prev = applications.get(e.subjectId);
        const { next, span } = applyApplicationEvent(prev, e, this.calendar);
        if (next === undefined || next === prev) continue;
        applications.set(e.subjectId, next);
        changedApplications.set(e.subjectId, next);
        counters.push(...applicationCounterDeltas(prev, next));
        if (span) {
          stageDays.push({
            year: span.leftYear,
            regionCode: span.regionCode,
            tier: span.tier,
            stage: span.stage,
            days: span.workingDays,
          });
        }
      } else if (e.subjectType === 'certificate') {
        const prev = certificates.get(e.subjectId);
        const { next, overdue } = applyCertificateEvent(prev, e);
        if (next === undefined) continue;
        certificates.set(e.subjectId, next);
        changedCertificates.set(e.subjectId, next);
        counters.push(...certificateCounterDeltas(prev, next));
        if (overdue) counters.push(overdueCounterDelta(overdue));
      }
    }
    await this.repository.saveApplications(em, [...changedApplications.values()]);
    await this.repository.saveCertificates(em, [...changedCertificates.values()]);
    await this.repository.addCounters(em, mergeDeltas(counters));
    await this.repository.addStageDays(em, stageDays);
  }
}

const mergeDeltas = (deltas: readonly CounterDelta[]): CounterDelta[] => {
  const merged = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const key = `${d.year}|${d.regionCode}|${d.tier}|${d.metric}`;
    const current = merged.get(key);
    if (current) current.n += d.n;
    else merged.set(key, { ...d });
  }
  return [...merged.values()].filter((d) => d.n !== 0);
};
