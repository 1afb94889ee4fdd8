// Sections of a unit's public page (/public/units/:id, no login) that modules contribute without the
// citizens module knowing their tables: a module registers a reader (app.ts does, when it builds the
// module) with its place on the page; the public unit route calls every reader with the unit and
// today's date and shows the sections that answer. Only what is meant for the public goes in a
// section: never ID numbers, never a person's own phone.
import type { Queryable } from '../db/db.js';

export type PublicSectionItem = { title: string; detail: string | null; at: string | null; href: string | null };
export type PublicSection = { key: string; title: string; items: PublicSectionItem[]; more: { label: string; href: string } | null };
export type PublicUnitRef = { id: number; countyId: number; path: string; type: string; name: string };
export type PublicSectionSource = (q: Queryable, unit: PublicUnitRef, today: string) => Promise<PublicSection | null>;

export type PublicSections = { register(order: number, source: PublicSectionSource): void; all(): readonly PublicSectionSource[] };

/** One list per app (tests build many apps in one process); readers run in their registered order. */
export function createPublicSections(): PublicSections {
  const sources: { order: number; source: PublicSectionSource }[] = [];
  let sorted: PublicSectionSource[] = [];
  return {
    register(order, source) {
      sources.push({ order, source });
      sorted = [...sources].sort((a, b) => a.order - b.order).map((s) => s.source);
    },
    all: () => sorted,
  };
}

/** Every registered section that answers, in order; an empty section (no items, no link) is left out. */
export async function readPublicSections(q: Queryable, sections: PublicSections | undefined, unit: PublicUnitRef, today: string): Promise<PublicSection[]> {
  if (!sections) return [];
  const answered = await Promise.all(sections.all().map((read) => read(q, unit, today)));
  return answered.filter((s): s is PublicSection => s !== null && (s.items.length > 0 || s.more !== null));
}
