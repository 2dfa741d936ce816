import type { Workflow } from '../api/client';
import { useI18n } from '../i18n/i18n';

const W = 150;
const H = 40;
const GAP_X = 60;
const GAP_Y = 18;

/**
 * The tier's machine as a left-to-right diagram (states layered by their distance from the initial
 * state), the current state highlighted; the transitions also as a list for screen readers.
 */
export const StateDiagram = ({ workflow, current }: { workflow: Workflow; current: string }) => {
  const { t, label } = useI18n();
  const layer = new Map<string, number>([[workflow.initial, 0]]);
  const queue: string[] = [workflow.initial];
  while (queue.length) {
    const from = queue.shift() ?? '';
    for (const tr of workflow.transitions) {
      if (tr.from === from && tr.to !== from && !layer.has(tr.to)) {
        layer.set(tr.to, (layer.get(from) ?? 0) + 1);
        queue.push(tr.to);
      }
    }
  }
  const columns: string[][] = [];
  for (const state of workflow.states) {
    const l = layer.get(state) ?? columns.length;
    (columns[l] ??= []).push(state);
  }
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((states, c) =>
    states.forEach((s, r) => pos.set(s, { x: 10 + c * (W + GAP_X), y: 10 + r * (H + GAP_Y) })),
  );
  const width = 20 + columns.length * (W + GAP_X) - GAP_X;
  const height = 20 + Math.max(...columns.map((c) => c.length)) * (H + GAP_Y) - GAP_Y;
  const edges = new Map<string, { from: string; to: string; events: string[] }>();
  for (const tr of workflow.transitions) {
    if (tr.from === tr.to) continue;
    const key = `${tr.from}>${tr.to}`;
    const edge = edges.get(key) ?? { from: tr.from, to: tr.to, events: [] };
    edge.events.push(tr.event);
    edges.set(key, edge);
  }
  return (
    <figure className="diagram">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-label={t('app.currentState', { state: label(current) })}
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#6e7781" />
          </marker>
        </defs>
        {[...edges.values()].map((e) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          const forward = b.x > a.x;
          const x1 = forward ? a.x + W : a.x + W / 2;
          const y1 = forward ? a.y + H / 2 : a.y + (b.y > a.y ? H : 0);
          const x2 = forward ? b.x : b.x + W / 2;
          const y2 = forward ? b.y + H / 2 : b.y + (b.y > a.y ? 0 : H);
          return (
            <line
              key={`${e.from}>${e.to}`}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke="#8c959f"
              strokeWidth="1.2"
              markerEnd="url(#arrow)"
            >
              <title>{e.events.map(label).join(', ')}</title>
            </line>
          );
        })}
        {workflow.states.map((s) => {
          const p = pos.get(s);
          if (!p) return null;
          const here = s === current;
          const final = workflow.finalStates.includes(s);
          return (
            <g key={s} data-state={s} data-current={here ? 'true' : undefined}>
              <rect
                x={p.x}
                y={p.y}
                width={W}
                height={H}
                rx={final ? 18 : 6}
                fill={here ? '#0b5cad' : '#ffffff'}
                stroke={here ? '#0b5cad' : '#8c959f'}
                strokeWidth={here ? 3 : 1}
              />
              <text
                x={p.x + W / 2}
                y={p.y + H / 2 + 5}
                textAnchor="middle"
                fontSize="13"
                fill={here ? '#ffffff' : '#1b1f24'}
                fontWeight={here ? 700 : 400}
              >
                {label(s)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <details>
          <summary>{t('app.currentState', { state: label(current) })}</summary>
          <ul className="small">
            {workflow.transitions.map((tr) => (
              <li key={`${tr.from}-${tr.event}-${tr.to}`}>
                {label(tr.from)} → {label(tr.event)} → {label(tr.to)}
                {tr.guard ? ` [${tr.guard}]` : ''} ({tr.roles.map(label).join(', ')})
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
};
