import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import { decideOpenCall } from '../../domain/certification/call.decide';
import type { CallRecord } from '../../domain/certification/calls';
import type { OpenCall } from '../../domain/certification/commands';
import type { Decision } from '../../domain/certification/decision';
import { mayOperateTimers } from '../../domain/certification/timer.decide';
import { newId } from '../../infra/ids';
import { CallsService } from '../calls/calls.service';
import { CertificateRepository } from '../certificates/certificate.repository';
import type { SubjectHandler } from './subject-handler';

/** Calls in the command pipeline: their opening (a timer) makes expiring titles due. */
@Injectable()
export class CallHandler implements SubjectHandler<OpenCall, CallRecord> {
  constructor(
    private readonly calls: CallsService,
    private readonly certificates: CertificateRepository,
  ) {}

  load(em: EntityManager, id: string): Promise<CallRecord | undefined> {
    return this.calls.get(id, em);
  }

  visibleTo(actor: Actor): boolean {
    return mayOperateTimers(actor);
  }

  versionOf(): undefined {
    return undefined;
  }

  stateOf(): string {
    return 'open';
  }

  async decide(
    em: EntityManager,
    command: OpenCall,
    row: CallRecord | undefined,
    at: string,
  ): Promise<Decision<CallRecord>> {
    const record = row!;
    const dueCertificateIds = await this.certificates.dueForReReview(
      em,
      record.tier,
      record.regionCode,
      record.year,
    );
    return decideOpenCall({ record, command, dueCertificateIds, roundId: newId(), at });
  }

  write(): Promise<CallRecord> {
    throw new Error('opening a call writes no call');
  }
}
