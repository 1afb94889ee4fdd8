// The dispatch engine (下发引擎): one org calls many — issue, fan out to the recipients, each
// answers (or declines with a reason), the caller follows the roll-up and closes. Practices with
// this shape are *kinds* of it: 两下两上 directives, 吹哨报到 whistles and 通报 bulletins. A kind
// declares its answer states, the actions that move an answer (who fires each: the recipient or
// the caller), the refusal each action gives in a wrong state (a stable module error code with zh
// and en), which states count as open (a recipient's load) and as final, and how a call
// completes. Pure: no database. The modules run it; `dispatch-load` measures every kind at once.
import { WHISTLE_PART_LABELS, WHISTLE_PART_STATES } from '@lianxin/contract';
import { AppError, type ErrorCode } from '../errors.js';

export type Label = { zh: string; en: string };

/** Who fires an action: the org answering (a station, a department) or the org that called. */
export type Side = 'recipient' | 'caller';

export type Refusal = { code: ErrorCode } & Label;

export type AnswerAction<S extends string> = {
  from: readonly S[];
  /** The state it moves to; `null` keeps the state (a note on the answer, a flag). */
  to: S | null;
  by: readonly Side[];
  label: Label;
  /** What a fire in any other state answers (HTTP 409 with this code and message). */
  refuse: Refusal;
};

export type DispatchKind<S extends string = string, A extends string = string> = {
  kind: 'directive' | 'whistle' | 'bulletin';
  label: Label;
  states: readonly S[];
  stateLabels: Record<S, Label>;
  /** An answer's state when the call reaches the recipient. */
  initial: S;
  /** Waiting on the recipient: its load. */
  open: readonly S[];
  /** Nothing more is expected of this answer. */
  final: readonly S[];
  actions: Record<A, AnswerAction<S>>;
  /**
   * How the call completes: the caller closes it (a directive's deadline passes, it is closed by
   * hand), or it completes by itself once every answer still in play is final and one succeeded
   * (a whistle: every department done, declined ones re-routed).
   */
  completes: 'by_caller' | 'when_answered';
  /** States that count as success for `when_answered`. */
  succeeded?: readonly S[];
  /** Recipients may break their answer down to the orgs below them (fan-out, roll-up). */
  fansOut: boolean;
  /** The caller may issue it on a cadence (weekly, monthly, quarterly, yearly). */
  recurs: boolean;
  /** Who receives it: chosen orgs (answer rows), or the caller's subtree (read, not answered). */
  reaches: 'chosen' | 'subtree';
  /** What the timeline of the case a call was made for says when the call completes by itself. */
  completedNote?: Label;
};

/** 两下两上: a directive to orgs below; each reports (again, to correct, while it is open). */
export const DIRECTIVE_KIND = {
  kind: 'directive',
  label: { zh: '下发任务', en: 'Directive' },
  states: ['pending', 'reported'],
  stateLabels: { pending: { zh: '待上报', en: 'Pending' }, reported: { zh: '已上报', en: 'Reported' } },
  initial: 'pending',
  open: ['pending'],
  final: ['reported'],
  actions: {
    report: {
      from: ['pending', 'reported'], to: 'reported', by: ['recipient'], label: { zh: '上报', en: 'Report' },
      refuse: { code: 'dispatch_closed', zh: '该任务已截止，不再接收上报', en: 'The directive is closed to reports' },
    },
  },
  completes: 'by_caller',
  fansOut: true,
  recurs: true,
  reaches: 'chosen',
} as const satisfies DispatchKind<'pending' | 'reported', 'report'>;

export type WhistleState = (typeof WHISTLE_PART_STATES)[number];
export type WhistleAction = 'report' | 'claim' | 'record' | 'finish' | 'decline' | 'reroute' | 'judicial';

/**
 * 吹哨报到: a township, station or village whistles departments for a citizen's request or a
 * ledger problem; each department reports in (报到), claims its part, records the on-site handling
 * and finishes — or declines before claiming, suggesting the responsible unit; the whistler
 * re-routes a declined part, and marks a part handed over to the judiciary (移交公检法, as seed
 * 001 has the township do; the department may mark it when it finishes).
 */
export const WHISTLE_KIND = {
  kind: 'whistle',
  label: { zh: '吹哨报到', en: 'Whistle' },
  // the part states and their words are the contract's (the web shows the same labels)
  states: WHISTLE_PART_STATES,
  stateLabels: WHISTLE_PART_LABELS,
  initial: 'whistled',
  open: ['whistled', 'reported', 'handling'],
  final: ['done', 'declined', 'rerouted'],
  actions: {
    report: {
      from: ['whistled'], to: 'reported', by: ['recipient'], label: { zh: '报到', en: 'Report in' },
      refuse: { code: 'whistle_already_reported', zh: '已经报到过了', en: 'Already reported in' },
    },
    claim: {
      from: ['reported'], to: 'handling', by: ['recipient'], label: { zh: '认领', en: 'Claim' },
      refuse: { code: 'whistle_not_reported', zh: '请先报到', en: 'Report in first' },
    },
    record: {
      from: ['handling'], to: null, by: ['recipient'], label: { zh: '现场处置', en: 'Record on-site handling' },
      refuse: { code: 'whistle_not_claimed', zh: '认领后才能记录现场处置', en: 'Claim the part before recording on-site handling' },
    },
    finish: {
      from: ['handling'], to: 'done', by: ['recipient'], label: { zh: '办结', en: 'Finish' },
      refuse: { code: 'whistle_not_claimed', zh: '认领后才能办结', en: 'Claim the part before finishing it' },
    },
    decline: {
      from: ['whistled', 'reported'], to: 'declined', by: ['recipient'], label: { zh: '退回', en: 'Decline' },
      refuse: { code: 'whistle_already_claimed', zh: '认领后不能退回', en: 'A claimed part cannot be declined' },
    },
    reroute: {
      from: ['declined'], to: 'rerouted', by: ['caller'], label: { zh: '改派', en: 'Re-route' },
      refuse: { code: 'whistle_not_declined', zh: '只有被退回的部分可以改派', en: 'Only a declined part is re-routed' },
    },
    judicial: {
      from: ['whistled', 'reported', 'handling', 'done'], to: null, by: ['caller'], label: { zh: '移交公检法', en: 'Hand over to the judiciary' },
      refuse: { code: 'whistle_part_closed', zh: '已退回或已改派的部分不能移交公检法', en: 'A declined or re-routed part cannot be handed over' },
    },
  },
  completes: 'when_answered',
  succeeded: ['done'],
  completedNote: { zh: '吹哨事项各部门均已办结', en: 'Every department has finished its part of the whistle' },
  fansOut: false,
  recurs: false,
  reaches: 'chosen',
} as const satisfies DispatchKind<WhistleState, WhistleAction>;

/**
 * 通报: a bulletin published by an inspecting org to its whole subtree (and seen by the levels
 * above it); read, not answered — a kind with no answer actions.
 */
export const BULLETIN_KIND = {
  kind: 'bulletin',
  label: { zh: '通报', en: 'Bulletin' },
  states: ['published'],
  stateLabels: { published: { zh: '已发布', en: 'Published' } },
  initial: 'published',
  open: [],
  final: ['published'],
  actions: {},
  completes: 'by_caller',
  fansOut: false,
  recurs: false,
  reaches: 'subtree',
} as const satisfies DispatchKind<'published', never>;

export const DISPATCH_KINDS = { directive: DIRECTIVE_KIND, whistle: WHISTLE_KIND, bulletin: BULLETIN_KIND } as const;

type StatesOf<K> = K extends DispatchKind<infer S, string> ? S : never;
type ActionsOf<K> = K extends { actions: infer A } ? keyof A & string : never;

/**
 * The state an answer moves to when `side` fires `action` on it now; refuses with the kind's own
 * code (409) in a wrong state, and as `forbidden` (403) for the wrong side.
 */
export function answer<K extends DispatchKind>(kind: K, state: StatesOf<K>, action: ActionsOf<K>, side: Side): StatesOf<K> {
  const a = (kind.actions as Record<string, AnswerAction<string> | undefined>)[action];
  if (!a) throw new AppError('bad_request', { zh: `「${kind.label.zh}」没有此操作`, en: `${kind.label.en} has no action ${action}` });
  if (!a.by.includes(side)) {
    throw new AppError('forbidden', side === 'caller'
      ? { zh: `「${a.label.zh}」由接收单位办理`, en: `${a.label.en} is for the recipient` }
      : { zh: `「${a.label.zh}」由发起单位办理`, en: `${a.label.en} is for the caller` });
  }
  if (!a.from.includes(state)) throw new AppError(a.refuse.code, { zh: a.refuse.zh, en: a.refuse.en });
  return (a.to ?? state) as StatesOf<K>;
}

/** The actions `side` may fire on an answer in `state` (what the screen offers). */
export function availableActions<K extends DispatchKind>(kind: K, state: string, side: Side): ActionsOf<K>[] {
  return (Object.entries(kind.actions) as [ActionsOf<K>, AnswerAction<string>][])
    .filter(([, a]) => a.from.includes(state) && a.by.includes(side))
    .map(([name]) => name);
}

/** Whether a call of a kind that completes by itself is complete with these answers' states. */
export function isComplete(kind: DispatchKind, states: readonly string[]): boolean {
  if (kind.completes !== 'when_answered') return false;
  return states.length > 0 && states.every((s) => kind.final.includes(s)) && states.some((s) => (kind.succeeded ?? []).includes(s));
}

/** Every state is reachable from the initial one and every action names known states. */
export function validateKind(kind: DispatchKind): string[] {
  const problems: string[] = [];
  const states = new Set<string>(kind.states);
  for (const [name, a] of Object.entries(kind.actions) as [string, AnswerAction<string>][]) {
    for (const s of [...a.from, ...(a.to ? [a.to] : [])]) if (!states.has(s)) problems.push(`${name}: unknown state ${s}`);
  }
  for (const s of [kind.initial, ...kind.open, ...kind.final, ...(kind.succeeded ?? [])]) if (!states.has(s)) problems.push(`unknown state ${s}`);
  const reached = new Set<string>([kind.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of Object.values(kind.actions) as AnswerAction<string>[]) {
      if (a.to && a.from.some((s) => reached.has(s)) && !reached.has(a.to)) {
        reached.add(a.to);
        grew = true;
      }
    }
  }
  for (const s of kind.states) if (!reached.has(s)) problems.push(`unreachable state ${s}`);
  for (const s of kind.states) if (kind.open.includes(s) && kind.final.includes(s)) problems.push(`state ${s} is both open and final`);
  return problems;
}
