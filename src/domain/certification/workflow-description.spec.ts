import { APPLICATION_WORKFLOWS } from './application.machines';
import { describeWorkflow } from './workflow-description';

describe('workflow introspection', () => {
  it('lists the little-giant transitions with the roles that may send them', () => {
    const d = describeWorkflow(APPLICATION_WORKFLOWS.little_giant);
    expect(d.states).toContain('nationalNotice');
    expect(d.finalStates.sort()).toEqual(['certified', 'rejected', 'withdrawn']);
    expect(d.transitions).toContainEqual({
      from: 'localReview',
      event: 'review.recommend',
      to: 'provincialReview',
      roles: ['reviewer:city'],
    });
    expect(d.transitions).toContainEqual({
      from: 'nationalNotice',
      event: 'deadline.expired',
      to: 'certified',
      guard: 'noticeEnded',
      roles: ['system'],
    });
    expect(d.transitions.filter((t) => t.event === 'objection.dismiss')).toHaveLength(4);
  });

  it('draws every transition in the Mermaid diagram', () => {
    const d = describeWorkflow(APPLICATION_WORKFLOWS.innovative_sme);
    expect(d.mermaid.startsWith('stateDiagram-v2\n  [*] --> draft')).toBe(true);
    for (const t of d.transitions) expect(d.mermaid).toContain(`${t.from} --> ${t.to}: ${t.event}`);
    expect(d.events).not.toContain('inspection.schedule');
  });
});
