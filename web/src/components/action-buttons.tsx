import type { AppEvent, Application, Workflow } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Events the scheduler or the public send, never a button. */
const NOT_BUTTONS = new Set([
  'deadline.expired',
  'deadline.reschedule',
  'eligibility.lapse',
  'objection.file',
]);

export type ActionChoice = {
  event: AppEvent;
  allowed: boolean;
  /** Why it is not available (absent when allowed). */
  reason?: string;
};

/**
 * The events of the current state, each allowed or not: the server's allowedEvents decides; the
 * workflow's transition says why one is not (the roles that may send it, its guard).
 */
export const actionChoices = (
  workflow: Pick<Workflow, 'transitions'>,
  application: Pick<Application, 'state' | 'allowedEvents'>,
  role: string,
  t: ReturnType<typeof useI18n>['t'],
  label: (code: string) => string,
): ActionChoice[] => {
  const fromHere = workflow.transitions.filter(
    (tr) => tr.from === application.state && !NOT_BUTTONS.has(tr.event),
  );
  const allowed = new Set<string>(application.allowedEvents);
  const events = [...new Set(fromHere.map((tr) => tr.event))];
  return events.map((event) => {
    if (allowed.has(event)) return { event: event as AppEvent, allowed: true };
    const transitions = fromHere.filter((tr) => tr.event === event);
    const roles = [...new Set(transitions.flatMap((tr) => tr.roles))];
    const guard = transitions.find((tr) => tr.guard)?.guard;
    const reason = !roles.includes(role)
      ? t('actions.reason.role', { roles: roles.map(label).join(', ') })
      : guard
        ? t('actions.reason.guard', { guard })
        : t('actions.reason.scope');
    return { event: event as AppEvent, allowed: false, reason };
  });
};

export const ActionButtons = ({
  workflow,
  application,
  role,
  busy,
  onAction,
}: {
  workflow: Pick<Workflow, 'transitions'>;
  application: Pick<Application, 'state' | 'allowedEvents'>;
  role: string;
  busy?: boolean;
  onAction: (event: AppEvent) => void;
}) => {
  const { t, label } = useI18n();
  const choices = actionChoices(workflow, application, role, t, label);
  if (choices.length === 0) return <p className="empty">{t('actions.reason.state')}</p>;
  return (
    <div className="actions" role="group" aria-label={t('app.actions')}>
      {choices.map((choice) => {
        const reasonId = `reason-${choice.event.replace(/\./g, '-')}`;
        return (
          <div className="action" key={choice.event}>
            <button
              type="button"
              className={choice.allowed ? 'primary' : undefined}
              disabled={!choice.allowed || busy}
              aria-describedby={choice.allowed ? undefined : reasonId}
              onClick={() => onAction(choice.event)}
            >
              {label(choice.event)}
            </button>
            {choice.allowed ? null : (
              <span id={reasonId} className="muted small">
                {t('actions.notAllowed', { reason: choice.reason ?? '' })}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
};
