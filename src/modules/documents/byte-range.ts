/**
 * One byte range of an HTTP `Range` header (RFC 9110 §14.1.2) against a file of `size` bytes:
 * undefined for no header or one this server ignores (several ranges, other units: the whole file
 * is sent), `null` when unsatisfiable (416).
 */
export const parseByteRange = (
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | undefined => {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // The last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return null;
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
};
