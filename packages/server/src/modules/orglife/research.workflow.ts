// 调查研究 (seed 000): a station plans a research round (topic, villages, dates) → carries it out
// and submits its report (text, files) → the township above appraises it (grade + comment) or
// returns it with a comment → the station revises and submits again.
import { RESEARCH_STATE_LABELS, RESEARCH_TRANSITION_LABELS, type ResearchState, type ResearchTransition, type Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

export type ResearchExtra = Record<string, never>;

const has = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));
/** The station that runs the round (its own accounts). */
const station = (actor: Actor, path: string) => has(actor, 'station_admin') && actor.scope.path.startsWith(path);
/** The township above it appraises. */
const township = (actor: Actor, path: string) => has(actor, 'township_admin') && path.startsWith(actor.scope.path) && !actor.scope.path.startsWith(path);

export const researchWorkflow: WorkflowDef<ResearchState, ResearchTransition, ResearchExtra> = {
  caseType: 'research',
  states: ['planned', 'reported', 'returned', 'appraised'],
  stateLabels: RESEARCH_STATE_LABELS,
  initial: 'planned',
  resolvedStates: ['appraised'],
  finalStates: ['appraised'],
  transitions: {
    report: {
      from: ['planned', 'returned'], to: 'reported', label: RESEARCH_TRANSITION_LABELS.report, allowed: (a, c) => station(a, c.orgPath),
      requires: [{ field: 'report', zh: '请填写调研报告', en: 'Write the report' }],
    },
    return: {
      from: ['reported'], to: 'returned', label: RESEARCH_TRANSITION_LABELS.return, allowed: (a, c) => township(a, c.orgPath),
      requires: [{ field: 'comment', zh: '请填写退回意见', en: 'Give the comment for returning it' }],
    },
    appraise: {
      from: ['reported'], to: 'appraised', label: RESEARCH_TRANSITION_LABELS.appraise, allowed: (a, c) => township(a, c.orgPath),
      requires: [{ field: 'grade', zh: '请选择评定等次', en: 'Choose the grade' }],
    },
  },
  sla: { escalateOverdue: false },
};
