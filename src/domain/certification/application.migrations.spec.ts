import { applicationContext } from '../../../test/factories/records.factory';
import type { ApplicationContext } from './application.machine';
import {
  APPLICATION_WORKFLOW_VERSIONS,
  APPLICATION_STATES,
  configuredMachineVersions,
  workflowForTier,
  workflowVersion,
  type ApplicationState,
  type PersistedApplicationSnapshot,
} from './application.machines';
import {
  diffWorkflows,
  migrateContext,
  MIGRATION_PLANS,
  planApplicationMigration,
  SPECIALIZED_SME_V1_TO_V2,
  type PendingTimer,
} from './application.migrations';
import { replayApplication, startVersionOf, type RecordedEvent } from './replay';

const [v1, v2] = APPLICATION_WORKFLOW_VERSIONS.specialized_sme;
const T = '2026-05-10T02:00:00.000Z';
const NOTICE_END = '2026-05-20T16:00:00.000Z';

const snapshotIn = (
  value: ApplicationState,
  ctx: Partial<ApplicationContext> = {},
): PersistedApplicationSnapshot => ({
  value,
  context: applicationContext({ tier: 'specialized_sme', ...ctx }),
  status: ['certified', 'rejected', 'withdrawn'].includes(value) ? 'done' : 'active',
});

const notice: PendingTimer = { purpose: 'notice', dueAt: NOTICE_END };
const ret: PendingTimer = { purpose: 'return', dueAt: NOTICE_END };

describe('specialized SME v1 → v2: where each application lands', () => {
  it.each<
    [
      ApplicationState,
      Partial<ApplicationContext>,
      PendingTimer[],
      ApplicationState | { refused: string },
      { open?: PendingTimer[]; cancel?: PendingTimer[]; keep?: PendingTimer[] },
    ]
  >([
    ['draft', {}, [], 'draft', {}],
    ['submitted', {}, [], 'submitted', {}],
    ['localReview', {}, [], 'localReview', {}],
    ['returned', { returnDueAt: NOTICE_END }, [ret], 'returned', { keep: [ret] }],
    // A returned application whose timer row is missing gets it opened again from its context.
    ['returned', { returnDueAt: NOTICE_END }, [], 'returned', { open: [ret] }],
    ['returned', {}, [], { refused: 'migration.noDueDate' }, {}],
    // The split: inspected → the expert review; not yet → the provincial review.
    ['provincialReview', {}, [], 'provincialReview', {}],
    ['provincialReview', { inspectionCount: 1 }, [], 'expertReview', {}],
    ['provincialReview', { inspectionCount: 1, expertReviewCount: 2 }, [], 'expertReview', {}],
    [
      'provincialReview',
      { expertReviewCount: 1 },
      [],
      { refused: 'migration.expertsBeforeInspection' },
      {},
    ],
    ['onSiteCheck', {}, [], 'onSiteCheck', {}],
    ['publicNotice', { noticeEndsAt: NOTICE_END }, [notice], 'publicNotice', { keep: [notice] }],
    ['objectionReview', { noticeEndsAt: NOTICE_END }, [], 'objectionReview', {}],
    // A stray deadline the target state does not keep is cancelled.
    ['localReview', {}, [ret], 'localReview', { cancel: [ret] }],
    ['certified', {}, [], { refused: 'migration.final' }, {}],
    ['rejected', {}, [], { refused: 'migration.final' }, {}],
    ['withdrawn', {}, [], { refused: 'migration.final' }, {}],
  ])('given %s %j with timers %j, lands in %j', (state, ctx, pending, expected, timers) => {
    const step = planApplicationMigration(
      SPECIALIZED_SME_V1_TO_V2,
      v2!,
      snapshotIn(state, ctx),
      pending,
    );
    if (typeof expected === 'object') {
      expect(step).toMatchObject({
        ok: false,
        fromState: state,
        reason: { key: expected.refused },
      });
      return;
    }
    expect(step).toMatchObject({ ok: true, fromState: state, toState: expected });
    if (!step.ok) return;
    expect(step.timers).toEqual({ open: [], cancel: [], keep: [], ...timers });
    expect(step.snapshot.value).toBe(expected);
    // The landing state is a real state of v2, and v2 accepts the snapshot.
    expect(v2!.states).toContain(expected);
  });

  it('every non-final state of v1 has a landing place or a reason', () => {
    for (const state of v1!.states) {
      const step = planApplicationMigration(SPECIALIZED_SME_V1_TO_V2, v2!, snapshotIn(state), []);
      expect(step.ok || step.reason.key.startsWith('migration.')).toBe(true);
    }
  });
});

describe('context field maps', () => {
  it.each<[string, Parameters<typeof migrateContext>[1], Record<string, unknown>]>([
    ['identity', { rename: {}, defaults: {}, drop: [] }, {}],
    [
      'a rename',
      { rename: { inspectionCount: 'onSiteChecks' }, defaults: {}, drop: [] },
      { onSiteChecks: 3, inspectionCount: undefined },
    ],
    ['a default', { rename: {}, defaults: { scoreYear: null }, drop: [] }, { scoreYear: null }],
    [
      'a drop',
      { rename: {}, defaults: {}, drop: ['objectionCount'] },
      { objectionCount: undefined },
    ],
  ])('%s', (_, map, expected) => {
    const before = applicationContext({ inspectionCount: 3 });
    const after = migrateContext(before, map) as unknown as Record<string, unknown>;
    expect({ ...after }).toEqual(
      Object.fromEntries(
        Object.entries({ ...before, ...expected }).filter(([, v]) => v !== undefined),
      ),
    );
  });
});

describe('configured versions', () => {
  it.each<[Record<string, number>, string | null]>([
    [{}, null],
    [{ specialized_sme: 2 }, null],
    [{ specialized_sme: 1, little_giant: 1 }, null],
    [{ specialized_sme: 3 }, 'No version 3 of the specialized_sme machine'],
    [{ innovative_sme: 2 }, 'No version 2 of the innovative_sme machine'],
    [{ giant: 1 }, 'unknown tier giant'],
  ])('%j', (configured, error) => {
    if (error === null) {
      expect(() => configuredMachineVersions(configured)).not.toThrow();
      expect(
        workflowForTier('specialized_sme', configuredMachineVersions(configured)).version,
      ).toBe(configured.specialized_sme ?? 1);
    } else {
      expect(() => configuredMachineVersions(configured)).toThrow(error);
    }
  });
});

describe('versions and diffs', () => {
  it('every plan joins two versions that exist', () => {
    for (const plan of MIGRATION_PLANS) {
      expect(workflowVersion(plan.machineId, plan.from)).toBeDefined();
      expect(workflowVersion(plan.machineId, plan.to)).toBeDefined();
      for (const state of Object.keys(plan.states)) {
        expect(APPLICATION_STATES).toContain(state);
      }
    }
  });

  it('specialized SME v1 → v2: the expert review added, inspection.record renamed', () => {
    const diff = diffWorkflows(v1!, v2!, SPECIALIZED_SME_V1_TO_V2);
    expect(diff.states).toEqual({ added: ['expertReview'], removed: [], renamed: [] });
    expect(diff.events).toEqual({
      added: [],
      removed: [],
      renamed: [{ from: 'inspection.record', to: 'inspection.report' }],
    });
    expect(diff.transitions.added).toEqual(
      expect.arrayContaining([
        'onSiteCheck --inspection.report--> expertReview',
        'expertReview --notice.publish--> publicNotice',
      ]),
    );
    expect(diff.transitions.removed).toEqual(
      expect.arrayContaining([
        'provincialReview --notice.publish--> publicNotice',
        'onSiteCheck --inspection.record--> provincialReview',
      ]),
    );
  });

  it.each<[string, Parameters<typeof diffWorkflows>[2], object]>([
    [
      'without a plan, a rename is a removal and an addition',
      undefined,
      { added: ['inspection.report'], removed: ['inspection.record'], renamed: [] },
    ],
  ])('%s', (_, plan, events) => {
    expect(diffWorkflows(v1!, v2!, plan).events).toEqual(events);
  });

  it('a version compared with itself has no differences', () => {
    const diff = diffWorkflows(v2!, v2!);
    expect([
      ...diff.states.added,
      ...diff.states.removed,
      ...diff.events.added,
      ...diff.events.removed,
      ...diff.transitions.added,
      ...diff.transitions.removed,
    ]).toEqual([]);
  });
});

describe('replay across a migration', () => {
  const actor = { id: 'u1', role: 'reviewer' as const };
  let seq = 0;
  const rec = (event: string, toState: string, data: unknown = null): RecordedEvent => ({
    seq: ++seq,
    at: T,
    actor,
    event,
    fromState: null,
    toState,
    comment: null,
    data,
    requestId: null,
  });
  const input = { applicationId: 'a1', tier: 'specialized_sme' as const };
  const versionOf = (v: number) => workflowVersion(v1!.id, v);
  const upToInspection = [
    rec('submit', 'submitted'),
    rec('review.start', 'localReview'),
    rec('review.recommend', 'provincialReview'),
    rec('inspection.schedule', 'onSiteCheck'),
    rec('inspection.record', 'provincialReview'),
  ];
  const migrated = (toState: string) =>
    rec('machine.migrated', toState, {
      fromVersion: 1,
      toVersion: 2,
      fromState: 'provincialReview',
      toState,
    });

  it('v1 events, the migration, then v2 events replay to the v2 state', () => {
    const result = replayApplication(
      v1!,
      input,
      [
        ...upToInspection,
        migrated('expertReview'),
        rec('expert.review.record', 'expertReview'),
        rec('notice.publish', 'publicNotice', { dueAt: NOTICE_END }),
      ],
      versionOf,
    );
    expect(result.divergence).toBeUndefined();
    expect(result.snapshot.value).toBe('publicNotice');
    expect(result.version).toBe(2);
  });

  it('starts from the version the creation event recorded, whatever the stored version says', () => {
    const created = rec('application.create', 'draft', { machineVersion: 1 });
    expect(startVersionOf([created, ...upToInspection], 2)).toBe(1);
    expect(startVersionOf([created, ...upToInspection, migrated('expertReview')], 2)).toBe(1);
    // Histories from before versions were recorded: the first migration, else the stored one.
    expect(startVersionOf([...upToInspection, migrated('expertReview')], 2)).toBe(1);
    expect(startVersionOf(upToInspection, 2)).toBe(2);
  });

  it('a history without a migration ends on the version it started on', () => {
    const result = replayApplication(v1!, input, upToInspection, versionOf);
    expect([result.divergence, result.snapshot.value, result.version]).toEqual([
      undefined,
      'provincialReview',
      1,
    ]);
  });

  it.each<[string, RecordedEvent[]]>([
    ['a migration recorded to another state', [...upToInspection, migrated('provincialReview')]],
    // After the migration, v1's event name is no longer accepted.
    [
      'a v1 event after the migration',
      [
        ...upToInspection,
        migrated('expertReview'),
        rec('inspection.schedule', 'onSiteCheck'),
        rec('inspection.record', 'expertReview'),
      ],
    ],
  ])('diverges on %s', (_, history) => {
    expect(replayApplication(v1!, input, history, versionOf).divergence).toBeDefined();
  });
});
