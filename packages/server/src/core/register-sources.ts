// Record sources of the registers (台账/簿册, seed 004's 七簿两账两手册) that modules contribute without
// the openness module knowing their tables: a module registers a reader under a source code (app.ts
// does, when it builds the module); a county's book names the source that fills it, and the
// register page asks the reader for a unit's rows in a year. A book whose source nobody registered
// (yet — 民主决策 from the flows module, 资产 from the funds module) is kept by hand until one is.
import type { Actor } from './access.js';

export type RegisterCell = string | number | null;
export type RegisterUnit = { id: number; name: string; path: string; countyId: number };
export type RegisterSourceReader = (actor: Actor, unit: RegisterUnit, year: number) => Promise<Record<string, RegisterCell>[]>;
export type RegisterSource = {
  code: string;
  label: string;
  /** The columns the reader fills (a county's book picks and labels them). */
  columns: { key: string; label: string }[];
  read: RegisterSourceReader;
};

export type RegisterSources = { register(source: RegisterSource): void; get(code: string): RegisterSource | undefined; all(): readonly RegisterSource[] };

/** One list per app (tests build many apps in one process). */
export function createRegisterSources(): RegisterSources {
  const sources = new Map<string, RegisterSource>();
  return {
    register(source) {
      if (sources.has(source.code)) throw new Error(`register source ${source.code} registered twice`);
      sources.set(source.code, source);
    },
    get: (code) => sources.get(code),
    all: () => [...sources.values()],
  };
}
