import { CaseFilesService } from '../../src/modules/audit/case-files.service';
import type { TestApp } from './test-app';

/** Every application the suite created, rebuilt from its audit history, equals its stored state. */
export const expectEveryApplicationReplays = async (t: TestApp): Promise<void> => {
  const { checked, mismatches } = await t.app.get(CaseFilesService).replayAll();
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(0);
};
