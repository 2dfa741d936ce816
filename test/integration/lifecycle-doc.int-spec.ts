import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BEGIN_MARKER,
  END_MARKER,
  toStateDiagram,
  withGeneratedDiagrams,
} from '../../scripts/docs/diagrams';
import { APPLICATION_WORKFLOWS } from '../../src/domain/certification/application.machines';
import { certificateMachine } from '../../src/domain/certification/certificate.machine';

// docs/lifecycle.md carries the machines' diagrams: it must be exactly what the script generates.
const file = join(__dirname, '..', '..', 'docs', 'lifecycle.md');

describe('docs/lifecycle.md', () => {
  it('is what npm run docs:diagrams generates from the machines (run it when this fails)', () => {
    const committed = readFileSync(file, 'utf8');
    expect(withGeneratedDiagrams(committed, file)).toBe(committed);
  });

  it('holds one diagram per tier and one for the certificate', () => {
    const committed = readFileSync(file, 'utf8');
    for (const machine of [
      ...Object.values(APPLICATION_WORKFLOWS).map((w) => w.machine),
      certificateMachine,
    ]) {
      expect(committed).toContain(`Machine \`${machine.id}\``);
    }
    expect(committed.split('```mermaid').length - 1).toBe(4);
  });

  it('detects a diagram edited by hand', () => {
    const committed = readFileSync(file, 'utf8');
    const edited = committed.replace(
      'returned --> localReview: resubmit [beforeReturnDeadline]',
      'returned --> localReview: resubmit',
    );
    expect(edited).not.toBe(committed);
    expect(withGeneratedDiagrams(edited, file)).not.toBe(edited);
  });

  it('refuses a document without its markers', () => {
    expect(() => withGeneratedDiagrams(`# Lifecycles\n${BEGIN_MARKER}\n`, file)).toThrow(
      END_MARKER,
    );
  });

  it.each([
    ['returned', 'resubmit [beforeReturnDeadline]', 'localReview'],
    ['objectionReview', 'objection.dismiss [otherwise]', 'publicNotice'],
    ['provincialReview', 'facts.confirm', 'provincialReview'],
  ])('renders %s --%s--> %s for the innovative SME machine', (from, label, to) => {
    expect(toStateDiagram(APPLICATION_WORKFLOWS.innovative_sme.machine)).toContain(
      `  ${from} --> ${to}: ${label}\n`,
    );
  });

  it('renders the timers of the certificate machine as notes', () => {
    expect(toStateDiagram(certificateMachine)).toContain(
      'note right of active : timer expiry fires deadline.expired, timer annualUpdate fires annualUpdate.overdue, timer annualUpdateReminder fires annualUpdate.remind, cancelled on exit',
    );
  });
});
