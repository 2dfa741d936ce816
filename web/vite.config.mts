import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The first page may load at most this much gzipped JavaScript (issue 16). */
const FIRST_PAGE_BUDGET = 300 * 1024;

/** Reports the gzipped JavaScript the first page loads (the entry and its static imports). */
const firstPageBudget = (): Plugin => ({
  name: 'first-page-budget',
  generateBundle(_options, bundle) {
    const chunks = new Map(
      Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c]] : [])),
    );
    const entry = [...chunks.values()].find((c) => c.isEntry);
    if (!entry) return;
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      chunks.get(name)?.imports.forEach(visit);
    };
    visit(entry.fileName);
    const gzipped = [...seen].reduce(
      (sum, name) => sum + gzipSync(chunks.get(name)?.code ?? '').length,
      0,
    );
    const all = [...chunks.values()].reduce((sum, c) => sum + gzipSync(c.code).length, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    this.info(
      `first page: ${kb(gzipped)} gzipped JS in ${seen.size} chunk(s) (budget ${kb(FIRST_PAGE_BUDGET)}); all routes: ${kb(all)} in ${chunks.size} chunks`,
    );
    if (gzipped > FIRST_PAGE_BUDGET) this.error(`the first page is over budget: ${kb(gzipped)}`);
  },
});

export default defineConfig({
  root: import.meta.dirname,
  plugins: [firstPageBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    target: 'es2022',
    rolldownOptions: {
      // TanStack Query marks its modules "use client" (for React Server Components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx'],
  },
});
