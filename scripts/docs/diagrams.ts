// Renders every lifecycle machine (the three application tiers and the certificate) as a Mermaid
// stateDiagram-v2, from the machines' own definitions (states, `on` events, guards, `after`
// delays, and the timers their entry actions schedule), into docs/lifecycle.md between marker
// comments:
//   npm run docs:diagrams           rewrites the generated part of docs/lifecycle.md
//   npm run docs:diagrams -- --check exits 1 when docs/lifecycle.md is out of date
// test/integration/lifecycle-doc.int-spec.ts fails when the committed file differs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import { rolesForTransition } from '../../src/domain/access/application-access';
import { APPLICATION_WORKFLOWS } from '../../src/domain/certification/application.machines';
import {
  APPLICATION_EVENT_TYPES,
  type ApplicationEventType,
} from '../../src/domain/certification/application.events';
import { APPLICATION_MACHINE_VERSION } from '../../src/domain/certification/application.machine';
import { isApplicationState } from '../../src/domain/certification/application.machines';
import {
  CERTIFICATE_MACHINE_VERSION,
  certificateMachine,
} from '../../src/domain/certification/certificate.machine';

export const BEGIN_MARKER = '<!-- BEGIN GENERATED: npm run docs:diagrams (do not edit by hand) -->';
export const END_MARKER = '<!-- END GENERATED -->';
/** Run from the repository's root (npm scripts and Jest are). */
export const LIFECYCLE_DOC = join(process.cwd(), 'docs', 'lifecycle.md');

/** One arrow of a diagram: `to` is the source state itself for a transition without a target. */
export type Edge = {
  from: string;
  event: string;
  to: string;
  guard?: string;
  internal: boolean;
  otherwise: boolean;
};

/** A timer a state opens on entry (and whether it is cancelled when the state is left). */
export type Timer = { state: string; purpose: string; fires: string; cancelledOnExit: boolean };

type Action = string | { type?: unknown; params?: unknown };
type TransitionConfig = string | { target?: unknown; guard?: unknown };
type StateConfig = {
  type?: string;
  entry?: Action | readonly Action[];
  exit?: Action | readonly Action[];
  on?: Record<string, TransitionConfig | readonly TransitionConfig[]>;
  after?: Record<string, TransitionConfig | readonly TransitionConfig[]>;
};

const asArray = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

const actionType = (action: Action): string | undefined =>
  typeof action === 'string' ? action : typeof action.type === 'string' ? action.type : undefined;

const targetOf = (target: unknown): string | undefined => {
  const first: unknown = Array.isArray(target) ? target[0] : target;
  return typeof first === 'string' ? first.replace(/^\./, '') : undefined;
};

const guardOf = (guard: unknown): string | undefined =>
  typeof guard === 'string'
    ? guard
    : guard && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string'
      ? (guard as { type: string }).type
      : undefined;

const statesOf = (machine: AnyStateMachine): [string, StateConfig][] =>
  Object.entries((machine.config.states ?? {}) as Record<string, StateConfig>);

const edgesOf = (
  from: string,
  event: string,
  config: TransitionConfig | readonly TransitionConfig[],
): Edge[] => {
  const candidates = asArray(config);
  return candidates.map((candidate, i) => {
    const target = typeof candidate === 'string' ? candidate : targetOf(candidate.target);
    const guard = typeof candidate === 'string' ? undefined : guardOf(candidate.guard);
    return {
      from,
      event,
      to: target ?? from,
      ...(guard ? { guard } : {}),
      internal: target === undefined,
      otherwise: !guard && i > 0,
    };
  });
};

/** Every transition of the machine, in the order of its definition. */
export const machineEdges = (machine: AnyStateMachine): Edge[] =>
  statesOf(machine).flatMap(([state, config]) => [
    ...Object.entries(config.on ?? {}).flatMap(([event, t]) => edgesOf(state, event, t)),
    ...Object.entries(config.after ?? {}).flatMap(([delay, t]) =>
      edgesOf(state, `after ${delay} ms`, t),
    ),
  ]);

/** The timers the machine's states schedule on entry (deadlines are durable rows, not `after`). */
export const machineTimers = (machine: AnyStateMachine): Timer[] =>
  statesOf(machine).flatMap(([state, config]) => {
    const cancelledOnExit = asArray(config.exit).some((a) => actionType(a) === 'cancelDeadlines');
    return asArray(config.entry)
      .filter((a) => actionType(a) === 'scheduleDeadline')
      .map((a) => {
        const params = typeof a === 'object' ? a.params : undefined;
        const resolved = (
          typeof params === 'function'
            ? (params as (args: unknown) => unknown)({ context: {}, event: {} })
            : params
        ) as { purpose?: unknown; event?: unknown } | undefined;
        return {
          state,
          purpose: typeof resolved?.purpose === 'string' ? resolved.purpose : 'deadline',
          fires: typeof resolved?.event === 'string' ? resolved.event : 'deadline.expired',
          cancelledOnExit,
        };
      });
  });

const finalStatesOf = (machine: AnyStateMachine): string[] =>
  statesOf(machine)
    .filter(([, c]) => c.type === 'final')
    .map(([s]) => s);

const label = (edge: Edge): string =>
  `${edge.event}${edge.guard ? ` [${edge.guard}]` : edge.otherwise ? ' [otherwise]' : ''}`;

/** The machine as a Mermaid stateDiagram-v2. */
export const toStateDiagram = (machine: AnyStateMachine): string => {
  const initial = machine.config.initial;
  const lines = ['stateDiagram-v2'];
  if (typeof initial === 'string') lines.push(`  [*] --> ${initial}`);
  for (const edge of machineEdges(machine)) {
    lines.push(`  ${edge.from} --> ${edge.to}: ${label(edge)}`);
  }
  for (const state of finalStatesOf(machine)) lines.push(`  ${state} --> [*]`);
  const byState = new Map<string, Timer[]>();
  for (const timer of machineTimers(machine)) {
    byState.set(timer.state, [...(byState.get(timer.state) ?? []), timer]);
  }
  for (const [state, timers] of byState) {
    const text = timers.map((t) => `timer ${t.purpose} fires ${t.fires}`).join(', ');
    const cancelled = timers.some((t) => t.cancelledOnExit) ? ', cancelled on exit' : '';
    lines.push(`  note right of ${state} : ${text}${cancelled}`);
  }
  return lines.join('\n');
};

const code = (s: string): string => `\`${s}\``;

const transitionTable = (edges: readonly Edge[], who: (edge: Edge) => string): string[] => [
  '| from | event | guard | to | who may send it |',
  '| --- | --- | --- | --- | --- |',
  ...edges.map(
    (e) =>
      `| ${code(e.from)} | ${code(e.event)} | ${e.guard ? code(e.guard) : e.otherwise ? 'otherwise' : ''} | ${
        e.internal ? '(stays)' : code(e.to)
      } | ${who(e)} |`,
  ),
];

const isEventType = (value: string): value is ApplicationEventType =>
  (APPLICATION_EVENT_TYPES as readonly string[]).includes(value);

const applicationRoles = (edge: Edge): string => {
  if (!isEventType(edge.event) || !isApplicationState(edge.from)) return '';
  return rolesForTransition(edge.event, edge.from).join(', ');
};

// Certificate events are granted per role in src/domain/access/certificate-access.ts.
const CERTIFICATE_SENDERS: Record<string, string> = {
  'annualUpdate.submit': 'enterprise',
  'annualUpdate.overdue': 'system',
  'change.report': 'enterprise',
  'change.accept': 'reviewer (province, or national for little giants)',
  'change.reject': 'reviewer (province, or national for little giants)',
  'reReview.open': 'system (the re-review call)',
  'reReview.submit': 'enterprise',
  'reReview.pass': 'system (the re-review application is certified)',
  'reReview.fail': 'system (the re-review application is rejected)',
  revoke: 'reviewer (province, or national for little giants), system (fraud cascade)',
  'deadline.expired': 'system',
};

const section = (
  title: string,
  id: string,
  version: number,
  machine: AnyStateMachine,
  who: (edge: Edge) => string,
): string[] => {
  const timers = machineTimers(machine);
  return [
    `## ${title}`,
    '',
    `Machine ${code(id)}, version ${version}.`,
    '',
    '```mermaid',
    toStateDiagram(machine),
    '```',
    '',
    'Timers (durable rows written in the transaction that enters the state):',
    '',
    ...(timers.length === 0
      ? ['- none']
      : timers.map(
          (t) =>
            `- ${code(t.state)}: ${t.purpose} deadline, fires ${code(t.fires)}${
              t.cancelledOnExit ? '; cancelled when the state is left' : ''
            }`,
        )),
    '',
    ...transitionTable(machineEdges(machine), who),
    '',
  ];
};

/** The generated part of docs/lifecycle.md, markers included. */
export const renderLifecycleSection = (): string => {
  const tiers: [string, string][] = [
    ['innovative_sme', 'Innovative SME application (`innovative_sme`)'],
    ['specialized_sme', 'Specialized SME application (`specialized_sme`)'],
    ['little_giant', 'Little giant application (`little_giant`)'],
  ];
  const parts = tiers.flatMap(([tier, title]) => {
    const workflow = APPLICATION_WORKFLOWS[tier as keyof typeof APPLICATION_WORKFLOWS];
    return section(
      title,
      workflow.id,
      APPLICATION_MACHINE_VERSION,
      workflow.machine,
      applicationRoles,
    );
  });
  const certificate = section(
    'Certificate (every tier)',
    String(certificateMachine.id),
    CERTIFICATE_MACHINE_VERSION,
    certificateMachine,
    (e) => CERTIFICATE_SENDERS[e.event] ?? '',
  );
  return [BEGIN_MARKER, '', ...parts, ...certificate, END_MARKER].join('\n');
};

/**
 * The document formatted by Prettier with the repository's settings, so that this script and
 * `npm run format:check` agree. Prettier runs in a child process: its API loads its plugins with a
 * dynamic import(), which Jest's module sandbox does not allow.
 */
const prettierFormat = (text: string, file: string): string =>
  execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', file],
    {
      input: text,
      encoding: 'utf8',
    },
  );

/** The document with its generated part replaced; throws when a marker is missing. */
export const withGeneratedDiagrams = (doc: string, file = LIFECYCLE_DOC): string => {
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    throw new Error(`docs/lifecycle.md needs the markers ${BEGIN_MARKER} and ${END_MARKER}`);
  }
  const next = doc.slice(0, begin) + renderLifecycleSection() + doc.slice(end + END_MARKER.length);
  return prettierFormat(next, file);
};

export const diagramsCli = (args: string[], file = LIFECYCLE_DOC): number => {
  const current = readFileSync(file, 'utf8');
  const next = withGeneratedDiagrams(current, file);
  if (args.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write(`${file} is out of date: run npm run docs:diagrams\n`);
    return 1;
  }
  if (next !== current) writeFileSync(file, next);
  process.stdout.write(`${file}: ${next === current ? 'up to date' : 'updated'}\n`);
  return 0;
};

if (require.main === module) process.exitCode = diagramsCli(process.argv.slice(2));
