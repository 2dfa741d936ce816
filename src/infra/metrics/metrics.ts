// Operational metrics (issue 17): one Prometheus registry per application instance (prom-client),
// with the process metrics of the client library, HTTP requests by route and status, and the
// transitions the command pipeline commits or refuses. Gauges read from the database are
// registered on this registry by the metrics module.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly transitions = new Counter({
    name: 'ladder_transitions_total',
    help: 'Commands of the command pipeline, by machine (subject), event and outcome (ok or the refusal code)',
    labelNames: ['machine', 'event', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly webhookFailures = new Counter({
    name: 'ladder_webhook_failures_total',
    help: 'Webhook delivery attempts that failed, by status: failed (to be retried) or dead (no more attempts)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  private readonly verifyOk = new Gauge({
    name: 'ladder_audit_verify_ok',
    help: 'The result of the last audit chain verification on this instance: 1 intact, 0 broken or none yet (then ladder_audit_verify_timestamp_seconds is 0)',
    registers: [this.registry],
  });

  private readonly verifyTime = new Gauge({
    name: 'ladder_audit_verify_timestamp_seconds',
    help: 'When the last audit chain verification on this instance finished (Unix seconds; 0: none yet)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A webhook attempt that did not deliver. */
  webhookFailure(status: 'failed' | 'dead'): void {
    this.webhookFailures.inc({ status });
  }

  /** The outcome of an audit chain verification, and when it finished. */
  auditVerified(ok: boolean, at: Date): void {
    this.verifyOk.set(ok ? 1 : 0);
    this.verifyTime.set(Math.floor(at.getTime() / 1000));
  }

  /** One answered request; `route` is the route's template (never the raw URL: bounded labels). */
  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  transition(machine: string, event: string, outcome: string): void {
    this.transitions.inc({ machine, event, outcome });
  }
}
