/**
 * A record store with the caches the hot paths need: serialised JSON per record, normalised search
 * text per record, and sorted views per sort key. Every write goes through `changed`/`add`/`remove`
 * so the caches can never serve stale data.
 */

export type SortValue = string | number;

export class Collection<T extends { id: number }> {
  readonly map = new Map<number, T>();
  /** Bumped on every write; sorted views are rebuilt lazily when it moves. */
  version = 0;
  private readonly json = new Map<number, string>();
  private readonly text = new Map<number, string>();
  private readonly views = new Map<string, { version: number; items: T[] }>();
  /** The version of each record's last write: the order records were last written in. */
  private readonly written = new Map<number, number>();
  private serializer: (rec: T) => string = (rec) => JSON.stringify(rec);

  constructor(
    readonly name: string,
    /** Sort keys this collection can be ordered by; ties always break on id. */
    readonly sortKeys: Record<string, (rec: T) => SortValue>,
    private readonly textOf: (rec: T) => string,
  ) {}

  setSerializer(fn: (rec: T) => string): void {
    this.serializer = fn;
    this.json.clear();
  }

  get size(): number {
    return this.map.size;
  }

  get(id: number): T | undefined {
    return this.map.get(id);
  }

  /** Ids only grow, so Map insertion order is id order and the id view needs no sort. */
  add(rec: T): void {
    this.map.set(rec.id, rec);
    this.written.set(rec.id, ++this.version);
  }

  remove(id: number): T | undefined {
    const rec = this.map.get(id);
    if (!rec) return undefined;
    this.map.delete(id);
    this.json.delete(id);
    this.text.delete(id);
    this.written.delete(id);
    this.version++;
    return rec;
  }

  changed(rec: T): void {
    this.json.delete(rec.id);
    this.text.delete(rec.id);
    this.written.set(rec.id, ++this.version);
  }

  /** Where a record's last write falls in the order of writes (incremental exports resume after it); 0 when unknown. */
  writeOrder(id: number): number {
    return this.written.get(id) ?? 0;
  }

  toJson(rec: T): string {
    let s = this.json.get(rec.id);
    if (s === undefined) {
      s = this.serializer(rec);
      this.json.set(rec.id, s);
    }
    return s;
  }

  /** Lower-case words separated by single spaces, with a space at each end (see search/text.ts). */
  searchText(rec: T): string {
    let s = this.text.get(rec.id);
    if (s === undefined) {
      s = this.textOf(rec);
      this.text.set(rec.id, s);
    }
    return s;
  }

  /** Records in ascending (key, id) order; callers walk it backwards for descending sorts. */
  sorted(key: string): T[] {
    const cached = this.views.get(key);
    if (cached && cached.version === this.version) return cached.items;
    const items = Array.from(this.map.values());
    if (key !== 'id') {
      const fn = this.sortKeys[key];
      if (!fn) throw new Error(`unknown sort key ${key}`);
      const keyed = items.map((rec) => ({ k: fn(rec), rec }));
      keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.rec.id - b.rec.id));
      for (let i = 0; i < keyed.length; i++) items[i] = keyed[i].rec;
    }
    this.views.set(key, { version: this.version, items });
    return items;
  }
}
