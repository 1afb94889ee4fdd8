// 党建工作站: the three designations a station may hold (seed 000) and the staffing rule.
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const strEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/**
 * Three different designations, not one flag: the county's pilot stations (县级试点工作站, 9 in
 * 宜君), each township's demonstration stations (乡镇示范站, 1–2 per township) and the stations
 * commended on 七一 (“七一”表彰党建示范站, with an award in fen: 5 stations, 20,000 yuan each).
 */
export const STATION_DESIGNATIONS = ['county_pilot', 'township_demo', 'qiyi_commended'] as const;
export type StationDesignationKind = (typeof STATION_DESIGNATIONS)[number];
export const STATION_DESIGNATION_LABELS: Record<StationDesignationKind, { zh: string; en: string }> = {
  county_pilot: { zh: '县级试点工作站', en: 'County pilot station' },
  township_demo: { zh: '乡镇示范站', en: 'Township demonstration station' },
  qiyi_commended: { zh: '“七一”表彰示范站', en: 'Commended on 1 July' },
};
/** A township names one or two demonstration stations a year. */
export const TOWNSHIP_DEMO_MAX = 2;

export const StationDesignation = Type.Object({
  id: Id,
  kind: strEnum(STATION_DESIGNATIONS),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  designatedOn: Type.Union([DateString, Type.Null()]),
  awardFen: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: '奖励金额（分），仅“七一”表彰' }),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type StationDesignation = Static<typeof StationDesignation>;

export const StationDesignationRow = Type.Composite([
  StationDesignation,
  Type.Object({ station: Type.Object({ id: Id, name: Type.String() }), township: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]) }),
]);
export type StationDesignationRow = Static<typeof StationDesignationRow>;

export const AddDesignationBody = Type.Object(
  {
    kind: strEnum(STATION_DESIGNATIONS),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    designatedOn: Type.Optional(DateString),
    awardFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: '奖励金额（分）；“七一”表彰时必填' })),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AddDesignationBody = Static<typeof AddDesignationBody>;

export const ListDesignationsQuery = Type.Object(
  {
    orgId: Type.Optional(Id),
    kind: Type.Optional(strEnum(STATION_DESIGNATIONS)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ListDesignationsQuery = Static<typeof ListDesignationsQuery>;

/**
 * 人员到位 (seed 000): each station has 1 chief (站长, a member of the township committee),
 * 1–2 deputies (副站长) and 1–2 full-time Party workers (专职党务工作者).
 */
export const STATION_STAFFING = { chief: { min: 1, max: 1 }, deputy: { min: 1, max: 2 }, worker: { min: 1, max: 2 } } as const;
