import { forEnterprise } from './history-view';

describe('the enterprise’s view of its history (security review M5)', () => {
  it('hides the objector, the reason filed and the objection’s data', () => {
    const shown = forEnterprise({
      actor: { id: 'objection:o1', role: 'public' },
      comment: 'Fabricated R&D figures',
      data: {
        action: 'application.objection.filed',
        version: 6,
        data: { name: 'Zhang San', objectionId: 'o1' },
      },
    });
    expect(shown).toEqual({
      actor: { id: 'public', role: 'public' },
      comment: null,
      data: { action: 'application.objection.filed', version: 6 },
      redacted: true,
    });
  });

  it('hides an expert’s opinion and identity, keeps the role and level', () => {
    const shown = forEnterprise({
      actor: { id: 'u-expert', role: 'expert', level: 'province', regionCode: '130000' },
      comment: 'Weak patents',
      data: {
        action: 'application.expert.review.recorded',
        data: { score: 41, opinion: 'reject' },
      },
    });
    expect(shown.actor).toEqual({ id: 'expert', role: 'expert', level: 'province' });
    expect(JSON.stringify(shown)).not.toMatch(/Weak|41|opinion/);
  });

  it('keeps a return’s reasons, deadline and requested documents', () => {
    const shown = forEnterprise({
      actor: { id: 'u-city', role: 'reviewer', level: 'city', regionCode: '130100' },
      comment: 'internal: check with the tax bureau',
      data: {
        action: 'application.returned',
        reasons: ['The 2025 audit report is missing.'],
        dueAt: '2026-10-12T16:00:00.000Z',
        data: { requestedDocuments: [{ kind: 'financial_statement', year: 2025 }], note: 'x' },
      },
    });
    expect(shown.comment).toBeNull();
    expect(shown.data).toEqual({
      action: 'application.returned',
      reasons: ['The 2025 audit report is missing.'],
      dueAt: '2026-10-12T16:00:00.000Z',
      data: { requestedDocuments: [{ kind: 'financial_statement', year: 2025 }] },
    });
  });

  it('shows the enterprise its own events unchanged', () => {
    const own = {
      actor: { id: 'u-e', role: 'enterprise' as const },
      comment: 'ours',
      data: { facts: {} },
    };
    expect(forEnterprise(own)).toBe(own);
  });
});
