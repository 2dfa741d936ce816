// Notifications for people: which domain events an enterprise is told of, and the texts, in
// zh-CN and en. Pure; the inbox stores the type and its parameters and renders on read.
import type { DomainEvent } from './domain-event';

export const NOTIFICATION_TYPES = [
  'application.returned',
  'notice.published',
  'objection.filed',
  'application.certified',
  'application.rejected',
  'annual_update.due',
  're_review.open',
  'certificate.revoked',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export type NotificationParams = {
  dueAt?: string;
  /** annual_update.due: the data year the update is for. */
  year?: number;
  requestedDocuments?: { kind: string; year?: number; note?: string }[];
  reasons?: string[];
  tier?: string;
};

export type NotificationDraft = {
  type: NotificationType;
  enterpriseId: string;
  subject: { kind: string; id: string };
  params: NotificationParams;
};

const dueOf = (event: DomainEvent, purpose: string): string | undefined =>
  event.deadlines.find((d) => d.purpose === purpose)?.dueAt;

const typeFor = (event: DomainEvent): NotificationType | null => {
  switch (event.type) {
    case 'application.review.return':
      return 'application.returned';
    case 'application.notice.publish':
      return 'notice.published';
    case 'application.objection.file':
      return 'objection.filed';
    case 'application.certified':
      return 'application.certified';
    case 'certificate.reReview.open':
      return 're_review.open';
    case 'certificate.annualUpdate.remind':
      return 'annual_update.due';
    default:
      break;
  }
  if (
    event.subject.kind === 'application' &&
    event.to === 'rejected' &&
    event.from !== 'rejected'
  ) {
    return 'application.rejected';
  }
  if (event.subject.kind === 'certificate' && event.to === 'revoked' && event.from !== 'revoked') {
    return 'certificate.revoked';
  }
  return null;
};

const requestedDocumentsOf = (
  data: Record<string, unknown>,
): NotificationParams['requestedDocuments'] => {
  // The event's own data sits under `data` in the audit record (applicationEventAuditData).
  const inner =
    data.data && typeof data.data === 'object' ? (data.data as Record<string, unknown>) : {};
  const raw = data.requestedDocuments ?? inner.requestedDocuments;
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { kind, year, note } = item as Record<string, unknown>;
    if (typeof kind !== 'string') return [];
    return [
      {
        kind,
        ...(typeof year === 'number' ? { year } : {}),
        ...(typeof note === 'string' ? { note } : {}),
      },
    ];
  });
};

/** The notification an event sends to its enterprise's inbox, if any. */
export const notificationOf = (event: DomainEvent): NotificationDraft | null => {
  const type = typeFor(event);
  if (!type || !event.enterpriseId) return null;
  const params: NotificationParams = {};
  if (event.tier) params.tier = event.tier;
  const dueAt =
    type === 'application.returned'
      ? dueOf(event, 'return')
      : type === 'notice.published'
        ? dueOf(event, 'notice')
        : type === 're_review.open'
          ? event.deadlines[0]?.dueAt
          : type === 'annual_update.due' && typeof event.data.dueAt === 'string'
            ? event.data.dueAt
            : undefined;
  if (dueAt) params.dueAt = dueAt;
  if (type === 'annual_update.due' && typeof event.data.year === 'number') {
    params.year = event.data.year;
  }
  const documents = requestedDocumentsOf(event.data);
  if (type === 'application.returned' && documents && documents.length > 0) {
    params.requestedDocuments = documents;
  }
  const reasons = event.data.reasons;
  if (Array.isArray(reasons) && reasons.every((r) => typeof r === 'string') && reasons.length > 0) {
    params.reasons = reasons;
  }
  return { type, enterpriseId: event.enterpriseId, subject: event.subject, params };
};

export type Language = 'zh-CN' | 'en';

/** `Accept-Language`: zh (any region) selects zh-CN; anything else English. */
export const languageOf = (header: string | undefined): Language =>
  header && /^\s*zh\b/i.test(header) ? 'zh-CN' : 'en';

const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');

type Text = { title: string; body: string };

const TEXTS: Record<NotificationType, Record<Language, (p: NotificationParams) => Text>> = {
  'application.returned': {
    en: (p) => ({
      title: 'Your application was returned for completion',
      body:
        `Please complete and resubmit it by ${day(p.dueAt)}.` +
        (p.requestedDocuments?.length
          ? ` Documents requested: ${p.requestedDocuments.map((d) => (d.year ? `${d.kind} (${d.year})` : d.kind)).join(', ')}.`
          : '') +
        (p.reasons?.length ? ` Reasons: ${p.reasons.join('; ')}.` : ''),
    }),
    'zh-CN': (p) => ({
      title: '您的申请已被退回补正',
      body:
        `请于 ${day(p.dueAt)} 前补正并重新提交。` +
        (p.requestedDocuments?.length
          ? `需补充材料：${p.requestedDocuments.map((d) => (d.year ? `${d.kind}（${d.year}）` : d.kind)).join('、')}。`
          : '') +
        (p.reasons?.length ? `退回理由：${p.reasons.join('；')}。` : ''),
    }),
  },
  'notice.published': {
    en: (p) => ({
      title: 'Your application is in public notice',
      body: `The public notice runs until ${day(p.dueAt)}.`,
    }),
    'zh-CN': (p) => ({ title: '您的申请已进入公示', body: `公示期至 ${day(p.dueAt)}。` }),
  },
  'objection.filed': {
    en: () => ({
      title: 'An objection was filed during the public notice',
      body: 'The authority will review the objection; the notice is suspended meanwhile.',
    }),
    'zh-CN': () => ({ title: '公示期间收到异议', body: '主管部门将核查该异议，公示暂停。' }),
  },
  'application.certified': {
    en: () => ({ title: 'Your enterprise is certified', body: 'The certificate has been issued.' }),
    'zh-CN': () => ({ title: '您的企业已通过认定', body: '证书已颁发。' }),
  },
  'application.rejected': {
    en: (p) => ({
      title: 'Your application was not approved',
      body: p.reasons?.length
        ? `Reasons: ${p.reasons.join('; ')}.`
        : 'See the application for details.',
    }),
    'zh-CN': (p) => ({
      title: '您的申请未获通过',
      body: p.reasons?.length ? `理由：${p.reasons.join('；')}。` : '详情请查看申请。',
    }),
  },
  'annual_update.due': {
    en: (p) => ({
      title: 'Annual update due',
      body:
        p.year !== undefined
          ? `Submit the annual update for ${p.year} by ${day(p.dueAt)}.`
          : `Submit the annual update by ${day(p.dueAt)}.`,
    }),
    'zh-CN': (p) => ({
      title: '年度更新即将到期',
      body:
        p.year !== undefined
          ? `请于 ${day(p.dueAt)} 前提交 ${p.year} 年度数据更新。`
          : `请于 ${day(p.dueAt)} 前提交年度更新。`,
    }),
  },
  're_review.open': {
    en: (p) => ({
      title: 'Re-review window open',
      body: p.dueAt
        ? `Your title expires soon; apply for re-review before ${day(p.dueAt)}.`
        : 'Your title expires soon; apply for re-review.',
    }),
    'zh-CN': (p) => ({
      title: '复核申报已开放',
      body: p.dueAt
        ? `您的称号即将到期，请于 ${day(p.dueAt)} 前申请复核。`
        : '您的称号即将到期，请申请复核。',
    }),
  },
  'certificate.revoked': {
    en: (p) => ({
      title: 'Your certificate was revoked',
      body: p.reasons?.length
        ? `Reasons: ${p.reasons.join('; ')}.`
        : 'See the certificate for details.',
    }),
    'zh-CN': (p) => ({
      title: '您的证书已被撤销',
      body: p.reasons?.length ? `理由：${p.reasons.join('；')}。` : '详情请查看证书。',
    }),
  },
};

export const renderNotification = (
  type: NotificationType,
  params: NotificationParams,
  language: Language,
): Text => TEXTS[type][language](params);
