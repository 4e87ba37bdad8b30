// The loaded API index: records, BM25F retrieval, id/alias lookup and "did you mean".
import { existsSync } from 'node:fs';
import { InputError, readJsonlSync } from '../core/index.js';
import { apiDocSchema } from '../schemas/index.js';
import { Bm25Index, type FieldSpec } from './bm25.js';
import { closestNames } from './didYouMean.js';
import type { ApiRecord } from './doclets.js';
import { excludedForGame } from './gameFacing.js';
import { loadGlossary, type Glossary, type WeightedTerms } from './glossary.js';
import { priorOf } from './prior.js';
import { tokenize } from './tokenize.js';
import { loadUsagePrior, usageFactors, type UsagePrior } from './usagePrior.js';

/**
 * Field weights: a hit in the member's name counts most, then its class, summary, description.
 * `exact` holds the whole name (and event string) alone, so a query naming a member outright
 * (`graphics`, `tileSprite`, `pointerdown`) favours it over members that merely contain the
 * word; `fields` holds a config typedef's field names (`GameConfig` → `backgroundColor`).
 */
export const FIELDS: FieldSpec[] = [
  { name: 'exact', weight: 3, b: 0 },
  { name: 'name', weight: 5, b: 0.3 },
  { name: 'fields', weight: 1.2, b: 0.5 },
  { name: 'class', weight: 2.5, b: 0.5 },
  { name: 'summary', weight: 1.5, b: 0.6 },
  { name: 'description', weight: 1, b: 0.75 },
  { name: 'params', weight: 0.6, b: 0.75 },
];

export interface SearchOptions {
  /** How many results (default 10). */
  k?: number;
  /** More query terms, e.g. a seed's `mechanics` tags (`double_jump`, `镜头跟随`). */
  extraTerms?: string[];
  /** Ablation switches for the benchmark: the namespace prior and the glossary (default on). */
  prior?: boolean;
  glossary?: boolean;
  /**
   * Game-facing retrieval (./gameFacing.ts): drop APIs games do not use unless the query names
   * them, and rank by the usage prior of passing games as well as the namespace prior.
   */
  gameFacing?: boolean;
}

export interface SearchHit {
  doc: ApiRecord;
  score: number;
}

export interface ApiIndexOptions {
  glossary?: Glossary;
  /** The usage prior game-facing search ranks by (default: the bundled one, read on first use). */
  usagePrior?: UsagePrior;
}

/** A whole name as the query tokenizer would see it: `graphics` → `graphic`, `tileSprite` → `tilesprite`. */
function exactToken(name: string): string {
  const tokens = tokenize(name, { keepStopwords: true });
  return tokens.length === 1 ? tokens[0] : name.toLowerCase();
}

/** Short class name: `Phaser.Physics.Arcade.Sprite` → `Sprite`. */
function shortName(longname: string): string {
  return longname.slice(Math.max(longname.lastIndexOf('.'), longname.lastIndexOf('#')) + 1);
}

export class ApiIndex {
  readonly docs: ApiRecord[];
  private readonly byId = new Map<string, ApiRecord>();
  /** `Subclass#member` → the record it inherits unchanged (`Phaser.Physics.Arcade.Sprite#setVelocity`). */
  private readonly aliases = new Map<string, ApiRecord>();
  /** Class longname → member names it has (own and inherited). */
  private readonly classMembers = new Map<string, Set<string>>();
  /** Short class name → longnames (`Body` → Arcade.Body, Matter… ). */
  private readonly classesByShortName = new Map<string, string[]>();
  private readonly allMemberNames = new Set<string>();
  /** Class longname → how a scene reaches it (`Phaser.GameObjects.GameObjectFactory` → `this.add`). */
  readonly accessors: Map<string, string>;
  /** Built on first search: "did you mean" (all the validator asks) does not need it, and it is most of the load time. */
  private bm25Index: Bm25Index | undefined;
  private readonly prior: Float32Array;
  /** Namespace prior × usage prior, for game-facing search (built on first use). */
  private gamePrior: Float32Array | undefined;
  private usagePrior: UsagePrior | undefined;
  readonly glossary: Glossary;

  constructor(records: ApiRecord[], options: ApiIndexOptions = {}) {
    this.docs = records;
    this.glossary = options.glossary ?? loadGlossary();
    this.usagePrior = options.usagePrior;
    for (const record of records) {
      this.byId.set(record.id, record);
      if (record.kind === 'class') {
        const list = this.classesByShortName.get(record.name) ?? [];
        this.classesByShortName.set(record.name, [...list, record.id]);
      }
    }
    for (const record of records) {
      if (!record.memberof || record.kind === 'class' || record.kind === 'namespace') continue;
      this.allMemberNames.add(record.name);
      const separator = record.scope === 'static' ? '.' : '#';
      this.addMember(record.memberof, record.name);
      for (const subclass of record.inherited_by ?? []) {
        this.addMember(subclass, record.name);
        this.aliases.set(`${subclass}${separator}${record.name}`, record);
      }
    }
    this.accessors = sceneAccessors(records, this.byId);
    this.prior = Float32Array.from(records, priorOf);
  }

  private get bm25(): Bm25Index {
    this.bm25Index ??= new Bm25Index(FIELDS, this.docs.map((record) => this.fieldsOf(record)));
    return this.bm25Index;
  }

  private addMember(className: string, name: string): void {
    let members = this.classMembers.get(className);
    if (!members) this.classMembers.set(className, (members = new Set()));
    members.add(name);
  }

  /** The token arrays of a record, one per field in FIELDS order. */
  private fieldsOf(record: ApiRecord): string[][] {
    const name = tokenize(`${record.name} ${record.event_name ?? ''}`);
    name.push(record.id.toLowerCase());
    const exact = [record.name, record.event_name ?? ''].filter(Boolean).map(exactToken);
    const fields = tokenize((record.properties ?? []).map((p) => p.name).join(' '));
    const owners = [record.memberof ?? '', ...(record.inherited_by ?? []).map(shortName)];
    const accessor = record.memberof ? this.accessors.get(record.memberof) : undefined;
    if (record.kind === 'class' && this.accessors.has(record.id)) owners.push(this.accessors.get(record.id)!);
    if (accessor) owners.push(accessor);
    const classTokens = [...new Set(tokenize(owners.join(' ')))];
    const rest = record.description.startsWith(record.summary) ? record.description.slice(record.summary.length) : record.description;
    const params = [...record.params, ...(record.properties ?? [])].map((p) => `${p.name} ${p.description}`).join(' ');
    return [exact, name, fields, classTokens, tokenize(record.summary), tokenize(rest), tokenize(params)];
  }

  /** A record by id, or by the id of a subclass that inherits it (`Phaser.Physics.Arcade.Sprite#setVelocity`). */
  get(id: string): ApiRecord | undefined {
    return this.byId.get(id) ?? this.aliases.get(id);
  }

  /** Whether some Phaser class or namespace has a member of this name (a name found nowhere is a hallucination). */
  hasMemberName(name: string): boolean {
    return this.allMemberNames.has(name);
  }

  /** Member names of a class, own and inherited (`memberOf` may be a short name such as `KeyboardPlugin`). */
  membersOf(memberOf: string): string[] {
    const classes = this.classMembers.has(memberOf) ? [memberOf] : (this.classesByShortName.get(memberOf) ?? []);
    const names = new Set<string>();
    for (const cls of classes) for (const name of this.classMembers.get(cls) ?? []) names.add(name);
    return [...names].sort();
  }

  /** Query text (+ extra terms) → weighted query terms, as retrieval sees them. */
  analyze(query: string, options: Pick<SearchOptions, 'extraTerms' | 'glossary'> = {}): WeightedTerms {
    const terms: WeightedTerms = new Map();
    const texts = [query, ...(options.extraTerms ?? []).map((tag) => tag.replace(/[_-]+/g, ' '))];
    for (const text of texts) {
      if (options.glossary === false) for (const token of tokenize(text)) terms.set(token, 1);
      else this.glossary.expand(text, terms);
    }
    return terms;
  }

  /** Rank game-facing searches by this usage prior from now on (a workspace's own, `api-index prior`). */
  useUsagePrior(prior: UsagePrior): void {
    this.usagePrior = prior;
    this.gamePrior = undefined;
  }

  /** The usage prior game-facing search ranks by. */
  get gameUsagePrior(): UsagePrior {
    return (this.usagePrior ??= loadUsagePrior());
  }

  private gameFacingPrior(): Float32Array {
    if (!this.gamePrior) {
      const usage = usageFactors(this.gameUsagePrior, this);
      this.gamePrior = Float32Array.from(this.prior, (factor, i) => factor * usage[i]);
    }
    return this.gamePrior;
  }

  /** BM25F top-k for a query (Chinese, English or code), best first. */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const terms = this.analyze(query, options);
    const k = options.k ?? 10;
    if (!options.gameFacing) {
      const hits = this.bm25.search(terms, k, options.prior === false ? undefined : this.prior);
      return hits.map(({ index, score }) => ({ doc: this.docs[index], score }));
    }
    // Over-fetch: the game-facing rule drops some of the top hits.
    const hits = this.bm25.search(terms, k * 3 + 20, options.prior === false ? undefined : this.gameFacingPrior());
    return hits
      .map(({ index, score }) => ({ doc: this.docs[index], score }))
      .filter((hit) => !excludedForGame(hit.doc, terms))
      .slice(0, k);
  }

  /**
   * Closest real member names for one that does not exist (`setVelocityx` → `setVelocityX`).
   * With `memberOf`, the class's own and inherited members are tried first, then every name.
   */
  didYouMean(name: string, options: { memberOf?: string; limit?: number } = {}): string[] {
    const limit = options.limit ?? 3;
    if (options.memberOf) {
      const local = closestNames(name, this.membersOf(options.memberOf), limit);
      if (local.length) return local;
    }
    return closestNames(name, this.allMemberNames, limit);
  }
}

/**
 * How a scene reaches a class: `this.<member>` for the Scene's own members and one level below
 * the plugins games dig into (`this.physics.add`, `this.input.keyboard`, `this.cameras.main`).
 */
function sceneAccessors(records: ApiRecord[], byId: Map<string, ApiRecord>): Map<string, string> {
  const accessors = new Map<string, string>();
  const isClass = (type: string | undefined) => type !== undefined && byId.get(type)?.kind === 'class';
  const sceneMembers = records.filter((r) => r.memberof === 'Phaser.Scene' && r.kind === 'member' && isClass(r.type));
  for (const member of sceneMembers) if (!accessors.has(member.type!)) accessors.set(member.type!, `this.${member.name}`);
  for (const member of sceneMembers) {
    if (!SECOND_LEVEL.has(member.name)) continue;
    // `main` first: `this.cameras.main` is how games reach the camera, not `this.cameras.default`.
    const children = records
      .filter((child) => child.memberof === member.type && child.kind === 'member' && isClass(child.type) && child.type !== 'Phaser.Scene')
      .sort((a, b) => Number(b.name === 'main') - Number(a.name === 'main'));
    for (const child of children) if (!accessors.has(child.type!)) accessors.set(child.type!, `this.${member.name}.${child.name}`);
  }
  return accessors;
}

/** Scene plugins whose own members games reach through them (`this.physics.add`, `this.input.keyboard`). */
const SECOND_LEVEL = new Set(['physics', 'matter', 'input', 'cameras']);

/** Load `phaser_api.jsonl` (every line checked against the api doc schema) and build the index once. */
export function loadApiIndex(file: string, options: ApiIndexOptions = {}): ApiIndex {
  if (!existsSync(file)) throw new InputError({ file }, 'no API index here; run `phaser-sft api-index build` first');
  const records = readJsonlSync(file, { schema: apiDocSchema.loose() }).map((row) => row.value as unknown as ApiRecord);
  return new ApiIndex(records, options);
}
