import { Injectable } from '@nestjs/common';
import type { SendCertificateEvent } from '../../domain/certification/commands';
import type { Facts } from '../../domain/certification/facts';
import { DomainError } from '../../domain/errors';
import type { ApplicationView } from '../applications/application.view';
import type { CertificateView } from '../certificates/certificate.view';
import { CertificatesQueries } from '../certificates/certificates.queries';
import { ApplicationCommands } from './application-commands.service';
import { CommandPipeline } from './command-pipeline';

/** The certificate commands of the API. */
@Injectable()
export class CertificateCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly views: CertificatesQueries,
    private readonly applications: ApplicationCommands,
  ) {}

  /**
   * An event to a certificate. reReview.submit is the enterprise's re-review application (§5.5): it
   * is created and submitted with the figures given, and moves the certificate to underReReview.
   */
  async send(
    command: Omit<SendCertificateEvent, 'subject' | 'kind'> & { facts?: Facts },
  ): Promise<CertificateView | (CertificateView & { reReviewApplication: ApplicationView })> {
    const { facts, ...event } = command;
    if (event.type === 'reReview.submit') {
      if (!facts) {
        throw new DomainError('VALIDATION_FAILED', 'reReview.submit needs facts', {
          errors: [{ field: 'facts', message: 'the re-review is judged on figures: give facts' }],
        });
      }
      const application = await this.applications.createReReview(
        event.id,
        facts,
        event.actor,
        event.requestId,
      );
      return {
        ...(await this.views.get(event.id, event.actor)),
        reReviewApplication: application,
      };
    }
    return this.pipeline.run(
      { ...event, subject: 'certificate', kind: 'event' },
      (_em, { row }, at) => Promise.resolve(this.views.view(row, event.actor, at)),
    );
  }
}
