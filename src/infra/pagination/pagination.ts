import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DomainError } from '../../domain/errors';

export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 50,
    description: 'Items per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({
    pattern: '^[A-Za-z0-9_-]{1,200}$',
    description: 'The nextCursor of the previous page',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export const DEFAULT_PAGE_SIZE = 50;

/** Cursors are opaque to clients: base64url of the last key seen. */
export const encodeCursor = (key: string | number): string =>
  Buffer.from(String(key), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
      errors: [{ field: 'cursor', message: 'cursor is not valid' }],
    });
  }
  return key;
};

/** Builds a page from `limit + 1` rows fetched in key order. */
export const toPage = <R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string | number,
  map: (row: R) => T,
): Page<T> => {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
};
