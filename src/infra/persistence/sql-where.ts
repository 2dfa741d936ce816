import type { ListScope } from '../../domain/access/list-scope';

/**
 * A WHERE clause built condition by condition, with PostgreSQL-style numbered placeholders
 * (raw-sql turns them into `?` on SQLite). Each `?` in a condition takes the next value.
 */
export class SqlWhere {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    let numbered = condition;
    for (const value of values) {
      this.params.push(value);
      numbered = numbered.replace('?', `$${this.params.length}`);
    }
    this.conditions.push(numbered);
    return this;
  }

  /**
   * The rows a list scope admits (domain/access/list-scope), as conditions on the given columns:
   * the same rule canView*() applies to one row, so a page is never filtered after its LIMIT.
   */
  scope(
    scope: Exclude<ListScope, null>,
    columns: { enterpriseId: string; regionCode: string; state?: string },
  ): this {
    if (scope.enterpriseId !== undefined)
      this.add(`${columns.enterpriseId} = ?`, scope.enterpriseId);
    if (scope.regionPrefix !== undefined)
      this.add(`${columns.regionCode} LIKE ?`, `${scope.regionPrefix}%`);
    if (scope.states !== undefined) {
      if (!columns.state) throw new Error('a scope by state needs a state column');
      if (scope.states.length === 0) this.add('1 = 0');
      else
        this.add(
          `${columns.state} IN (${scope.states.map(() => '?').join(', ')})`,
          ...scope.states,
        );
    }
    return this;
  }

  /** A placeholder for one more value (a LIMIT, say), numbered after the conditions'. */
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.conditions.length ? ` WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
