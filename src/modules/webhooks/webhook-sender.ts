import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { signWebhook } from './webhook-signature';
import { specialTargetProblem } from './webhook-target';

export type SendResult = {
  ok: boolean;
  responseStatus?: number;
  latencyMs: number;
  error?: string;
};

/**
 * POSTs one signed delivery to its subscription's URL, and only there: redirects are not followed
 * (a 3xx is a failed attempt), the request is abandoned after the timeout, and the answer's body
 * is not read beyond what the connection needs.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(
    target: { url: string; secret: string },
    message: { id: string; body: string; timestampSeconds: number },
  ): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    if (!this.config.outbox.webhookAllowPrivateNetworks) {
      // Checked again at each delivery: a public name may have been pointed inside since.
      const problem = await specialTargetProblem(target.url);
      if (problem) return { ok: false, latencyMs: latency(), error: `blocked: ${problem}` };
    }
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.outbox.webhookTimeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'sme-ladder-webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(message.timestampSeconds),
          'webhook-signature': signWebhook(
            target.secret,
            message.id,
            message.timestampSeconds,
            message.body,
          ),
        },
        body: message.body,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        responseStatus: response.status,
        latencyMs: latency(),
        ...(ok
          ? {}
          : {
              error:
                response.status >= 300 && response.status < 400
                  ? 'redirect not followed'
                  : `HTTP ${response.status}`,
            }),
      };
    } catch (error) {
      const cause = (error as { cause?: unknown } | null)?.cause;
      const describe = (e: unknown): string =>
        e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
      const timedOut = [error, cause].some((e) =>
        /TimeoutError|due to timeout/.test(
          `${(e as { name?: string } | null)?.name ?? ''} ${describe(e)}`,
        ),
      );
      const message = timedOut ? 'timed out' : describe(cause ?? error);
      return { ok: false, latencyMs: latency(), error: message };
    }
  }
}
