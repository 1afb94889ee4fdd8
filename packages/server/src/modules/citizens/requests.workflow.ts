// 群众事项代办, seven steps: 公示公开 (the published service list) and 群众接待 (intake: received)
// come first; 首问负责 (claim: the first one asked owns it until handed over), 办事承诺 (promise a
// date), 信息反馈 (progress messages the citizen sees), 情况报告 (report up) and 登记归档 (archive)
// follow. An unsatisfied rating reopens it for review.
import { REQUEST_STATE_LABELS, REQUEST_TRANSITION_LABELS, type RequestState, type RequestTransition } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { WorkflowDef } from '../../core/cases/workflow.js';

export type RequestExtra = { ownerId: number | null };

const OFFICES = ['county_admin', 'township_admin', 'station_admin', 'village_admin'];
const office = (a: Actor) => a.roles.some((r) => OFFICES.includes(r));
const covers = (a: Actor, path: string) => path.startsWith(a.scope.path);
const owner = (a: Actor, c: { extra: RequestExtra }) => c.extra.ownerId === a.accountId;

export const requestWorkflow: WorkflowDef<RequestState, RequestTransition, RequestExtra> = {
  caseType: 'request',
  states: ['received', 'claimed', 'promised', 'resolved', 'archived'],
  stateLabels: REQUEST_STATE_LABELS,
  initial: 'received',
  resolvedStates: ['resolved', 'archived'],
  finalStates: ['archived'],
  transitions: {
    claim: { from: ['received'], to: 'claimed', label: REQUEST_TRANSITION_LABELS.claim, allowed: (a, c) => office(a) && covers(a, c.orgPath) },
    promise: {
      from: ['claimed'],
      to: 'promised',
      label: REQUEST_TRANSITION_LABELS.promise,
      allowed: owner,
      requires: [{ field: 'promisedDate', zh: '请填写承诺办结日期', en: 'Enter the promised date' }],
    },
    resolve: {
      from: ['claimed', 'promised'],
      to: 'resolved',
      label: REQUEST_TRANSITION_LABELS.resolve,
      allowed: owner,
      requires: [
        { field: 'comment', zh: '请填写办理结果', en: 'Describe the outcome' },
        { field: 'resolved', zh: '请选择问题是否解决', en: 'Say whether it was solved' },
      ],
    },
    archive: { from: ['resolved'], to: 'archived', label: REQUEST_TRANSITION_LABELS.archive, allowed: (a, c) => owner(a, c) || (office(a) && covers(a, c.orgPath)) },
    reopen: {
      from: ['resolved', 'archived'],
      to: 'claimed',
      label: REQUEST_TRANSITION_LABELS.reopen,
      allowed: (a, c) => office(a) && covers(a, c.orgPath),
      requires: [{ field: 'comment', zh: '请说明重新办理的原因', en: 'Give the reason' }],
    },
  },
  sla: { escalateOverdue: false },
};
