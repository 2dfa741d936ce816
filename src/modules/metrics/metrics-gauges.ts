// The gauges read at scrape time: timers pending and overdue, the audit chain's length, the outbox
// backlog, and the database pool. Registered once on the instance's registry (shared/metrics).
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, type Server } from 'node:http';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock';
import { Metrics } from '../../infra/metrics/metrics';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { OutboxRepository } from '../outbox/outbox.repository';
import { TimerRepository } from '../timers/timer.repository';

type PgPool = { totalCount: number; idleCount: number; waitingCount: number };

@Injectable()
export class MetricsGauges implements OnModuleInit, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly timers: TimerRepository,
    private readonly audit: AuditLogRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const timers = this.timers;
    const clock = this.clock;
    let counts: Promise<{ pending: number; overdue: number }> | null = null;
    // Both timer gauges read one query per scrape.
    const timerCounts = () => {
      counts ??= timers.pendingCounts(clock.nowIso()).finally(() => {
        setImmediate(() => (counts = null));
      });
      return counts;
    };
    new Gauge({
      name: 'ladder_timers_pending',
      help: 'Timers waiting to fire',
      registers,
      async collect() {
        this.set((await timerCounts()).pending);
      },
    });
    new Gauge({
      name: 'ladder_timers_overdue',
      help: 'Pending timers whose due time has passed (the scheduler is behind)',
      registers,
      async collect() {
        this.set((await timerCounts()).overdue);
      },
    });
    const audit = this.audit;
    new Gauge({
      name: 'ladder_audit_chain_length',
      help: 'Events in the audit hash chain (the seq of its head)',
      registers,
      async collect() {
        this.set((await audit.head())?.seq ?? 0);
      },
    });
    const outbox = this.outbox;
    new Gauge({
      name: 'ladder_outbox_backlog',
      help: 'Committed domain events the outbox relay has not dispatched yet',
      registers,
      async collect() {
        this.set(await outbox.backlog());
      },
    });
    const pool = this.poolOf();
    new Gauge({
      name: 'ladder_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting clients); SQLite: one connection',
      labelNames: ['state'] as const,
      registers,
      collect() {
        if (pool === null) {
          this.set({ state: 'total' }, 1);
          return;
        }
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    if (this.config.metrics.port !== null) this.listen(this.config.metrics.port);
  }

  private poolOf(): PgPool | null {
    const driver = this.dataSource.driver as unknown as { master?: Partial<PgPool> };
    const master = driver.master;
    return master && typeof master.totalCount === 'number' ? (master as PgPool) : null;
  }

  /** METRICS_PORT: /metrics alone, without a token, on a port of its own (keep it internal). */
  private listen(port: number): void {
    const registry = this.metrics.registry;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    this.server.listen(port, this.config.metrics.host);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
