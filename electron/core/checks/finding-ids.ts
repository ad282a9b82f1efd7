/** Ids are built from where and what; the rare second problem with the same code gets a suffix. */
export class FindingIds {
  private readonly seen = new Map<string, number>();
  next(base: string): string {
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}#${count + 1}`;
  }
}
