// Versioned rule parameters (rules.md §0 "Versioning"): every deadline, threshold and limit has
// versions with the dates they were in force, and a computation uses the version in force on
// the date of the event it is about (a chi bộ resolution, a ceremony …), never today's.
//
// Tags follow rules.md §0. [V-P]/[V-S] values are national and not overridable. [I] values are
// configurable: the documented default applies unless settings give another. [L] values are
// local options, off unless a province's settings turn them on.

export type RuleTag = 'V-P' | 'V-S' | 'I' | 'L';

export interface ParamVersion<T> {
  readonly value: T;
  /** First day in force ('YYYY-MM-DD'). */
  readonly effectiveFrom: string;
  /** First day no longer in force (exclusive, like org_version.valid_to), or null while current. */
  readonly effectiveTo: string | null;
  /** Citation per rules.md §17, e.g. "QĐ294 §4.3.1". */
  readonly source: string;
}

export interface RuleParam<T, Tag extends RuleTag = RuleTag> {
  /** Stable key for settings and storage, e.g. "adm.decision_deadline". */
  readonly key: string;
  /** The rules.md rule id this parameter belongs to. */
  readonly ruleId: string;
  readonly tag: Tag;
  readonly versions: readonly ParamVersion<T>[];
}

export type NationalParam<T> = RuleParam<T, 'V-P' | 'V-S'>;
export type InferredParam<T> = RuleParam<T, 'I'>;
export type LocalParam<T> = RuleParam<T, 'L'>;

/** No version of the parameter was in force on the date: refuse rather than apply another era's rule. */
export class RuleNotInForceError extends RangeError {
  constructor(readonly param: string, readonly date: string) {
    super(`no version of ${param} in force on ${date}`);
    this.name = 'RuleNotInForceError';
  }
}

/**
 * Checks the shape once, where the parameter is defined: versions in date order, each ending
 * where the next begins (no gap, no overlap). A closed last version means the rule was repealed.
 */
export function defineParam<T, Tag extends RuleTag>(param: RuleParam<T, Tag>): RuleParam<T, Tag> {
  const { key, versions } = param;
  if (versions.length === 0) throw new Error(`${key}: no version`);
  versions.forEach((v, i) => {
    const next = versions[i + 1];
    if (v.effectiveTo !== null && v.effectiveTo <= v.effectiveFrom) throw new Error(`${key}: version ${i} ends before it starts`);
    if (next && v.effectiveTo !== next.effectiveFrom) throw new Error(`${key}: version ${i} must end where version ${i + 1} starts`);
  });
  return param;
}

/** The version of `param` in force on `eventDate`. */
export function versionOn<T>(param: RuleParam<T>, eventDate: string): ParamVersion<T> {
  const v = param.versions.find((x) => x.effectiveFrom <= eventDate && (x.effectiveTo === null || eventDate < x.effectiveTo));
  if (!v) throw new RuleNotInForceError(param.key, eventDate);
  return v;
}

// ---- Settings: a province's (or installation's) choices for [I] and [L] parameters ----------

type Setting = { readonly kind: 'value'; readonly value: unknown } | { readonly kind: 'enabled' };

export interface RuleSettings {
  readonly entries: ReadonlyMap<string, Setting>;
}

export const DEFAULT_SETTINGS: RuleSettings = { entries: new Map() };

export interface SettingEntry {
  readonly key: string;
  readonly setting: Setting;
}

/** Another value for an [I] parameter, or a local value for an [L] one (which also turns it on). */
export function setValue<T>(param: InferredParam<T> | LocalParam<T>, value: T): SettingEntry {
  return { key: param.key, setting: { kind: 'value', value } };
}

/** Turns an [L] option on with its documented value. */
export function enable<T>(param: LocalParam<T>): SettingEntry {
  return { key: param.key, setting: { kind: 'enabled' } };
}

export function ruleSettings(...entries: SettingEntry[]): RuleSettings {
  return { entries: new Map(entries.map((e) => [e.key, e.setting])) };
}

/**
 * The value of `param` for an event on `eventDate`. [L] parameters answer null unless turned on
 * in `settings`; [I] parameters take the settings' value when there is one.
 */
export function paramOn<T>(param: LocalParam<T>, eventDate: string, settings?: RuleSettings): T | null;
export function paramOn<T>(param: NationalParam<T> | InferredParam<T>, eventDate: string, settings?: RuleSettings): T;
export function paramOn<T>(param: RuleParam<T>, eventDate: string, settings: RuleSettings = DEFAULT_SETTINGS): T | null {
  const setting = param.tag === 'I' || param.tag === 'L' ? settings.entries.get(param.key) : undefined;
  if (param.tag === 'L' && setting === undefined) return null;
  if (setting?.kind === 'value') return setting.value as T;
  return versionOn(param, eventDate).value;
}
