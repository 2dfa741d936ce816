import type { AuditEntry } from '../audit/audit-entry';
import { domainEventsOf } from './domain-event';
import { languageOf, notificationOf, renderNotification } from './notifications';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  at: '2026-05-11T02:00:00.000Z',
  actor: { id: 'u1', role: 'reviewer' },
  subject: { type: 'application', id: 'a1' },
  enterpriseId: 'e1',
  regionCode: '130102',
  event: 'submit',
  fromState: 'draft',
  toState: 'submitted',
  ...over,
});

const eventsOf = (over: Partial<AuditEntry>, dueAt?: string, purpose = 'return') =>
  domainEventsOf(
    {
      audit: entry(over),
      seq: 1,
      tier: 'innovative_sme',
      effects: dueAt ? [{ type: 'scheduleDeadline', purpose, dueAt }] : [],
    },
    () => 'x',
  );

describe('notifications for enterprises', () => {
  it.each([
    ['a submission', { event: 'submit' }, []],
    [
      'a return',
      { event: 'review.return', fromState: 'localReview', toState: 'returned' },
      ['application.returned'],
    ],
    [
      'a notice',
      { event: 'notice.publish', fromState: 'provincialReview', toState: 'publicNotice' },
      ['notice.published'],
    ],
    [
      'an objection',
      { event: 'objection.file', fromState: 'publicNotice', toState: 'objectionReview' },
      ['objection.filed'],
    ],
    [
      'a certification',
      { event: 'deadline.expired', fromState: 'publicNotice', toState: 'certified' },
      ['application.certified'],
    ],
    [
      'a rejection',
      { event: 'review.reject', fromState: 'localReview', toState: 'rejected' },
      ['application.rejected'],
    ],
    [
      'a re-review window',
      {
        subject: { type: 'certificate' as const, id: 'c1' },
        event: 'reReview.open',
        fromState: 'active',
        toState: 'reReviewDue',
      },
      ['re_review.open'],
    ],
    [
      'a revocation',
      {
        subject: { type: 'certificate' as const, id: 'c1' },
        event: 'revoke',
        fromState: 'active',
        toState: 'revoked',
      },
      ['certificate.revoked'],
    ],
  ])('%s notifies %j', (_name, over, types) => {
    const drafts = eventsOf(over).flatMap((e) => {
      const n = notificationOf(e);
      return n ? [n.type] : [];
    });
    expect(drafts).toEqual(types);
  });

  it('tells a returned enterprise the documents requested and the resubmission deadline', () => {
    const [event] = eventsOf(
      {
        event: 'review.return',
        fromState: 'localReview',
        toState: 'returned',
        data: {
          reasons: ['Add the audit report.'],
          data: { requestedDocuments: [{ kind: 'financial_statement', year: 2025 }] },
        },
      },
      '2026-05-18T16:00:00.000Z',
    );
    const draft = notificationOf(event!);
    expect(draft).toEqual({
      type: 'application.returned',
      enterpriseId: 'e1',
      subject: { kind: 'application', id: 'a1' },
      params: {
        tier: 'innovative_sme',
        dueAt: '2026-05-18T16:00:00.000Z',
        requestedDocuments: [{ kind: 'financial_statement', year: 2025 }],
        reasons: ['Add the audit report.'],
      },
    });
    expect(renderNotification(draft!.type, draft!.params, 'en')).toEqual({
      title: 'Your application was returned for completion',
      body: 'Please complete and resubmit it by 2026-05-18. Documents requested: financial_statement (2025). Reasons: Add the audit report..',
    });
    expect(renderNotification(draft!.type, draft!.params, 'zh-CN').body).toContain('2026-05-18');
  });

  it('reminds a certified enterprise of its annual update, with the year and the due date', () => {
    const [event] = eventsOf({
      subject: { type: 'certificate', id: 'c1' },
      actor: { id: 'system', role: 'system' },
      event: 'annualUpdate.remind',
      fromState: 'active',
      toState: 'active',
      data: { year: 2026, dueAt: '2027-05-31T16:00:00.000Z' },
    });
    expect(event!.type).toBe('certificate.annualUpdate.remind');
    const draft = notificationOf(event!);
    expect(draft).toEqual({
      type: 'annual_update.due',
      enterpriseId: 'e1',
      subject: { kind: 'certificate', id: 'c1' },
      params: { tier: 'innovative_sme', dueAt: '2027-05-31T16:00:00.000Z', year: 2026 },
    });
    expect(renderNotification(draft!.type, draft!.params, 'en').body).toBe(
      'Submit the annual update for 2026 by 2027-05-31.',
    );
    expect(renderNotification(draft!.type, draft!.params, 'zh-CN').body).toBe(
      '请于 2027-05-31 前提交 2026 年度数据更新。',
    );
  });

  it('sends nothing for events of no enterprise', () => {
    const [event] = eventsOf({ enterpriseId: null, event: 'review.return', toState: 'returned' });
    expect(notificationOf(event!)).toBeNull();
  });

  it.each([
    [undefined, 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['fr', 'en'],
  ])('Accept-Language %s reads %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
