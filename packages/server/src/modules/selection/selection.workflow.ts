// 公开选拔 (seed 001): a post of a village filled by a county-wide public selection — the township
// committee applies (乡镇党委申报), the county organization department opens registration (公开报名),
// vets the candidates with the other departments (联审联查), holds the written exam and the
// interview, inspects the chosen one (组织考察) and appoints them. The stages run in this order; the
// candidates' entries of each stage (registration, vetting, scores) are checked by the service.
import {
  SELECTION_STATE_LABELS,
  SELECTION_TRANSITION_LABELS,
  type SelectionState,
  type SelectionTransition,
} from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import type { CaseView, WorkflowDef } from '../../core/cases/workflow.js';

const covers = (actor: Actor, c: CaseView) => c.orgPath.startsWith(actor.scope.path);
/** 县委组织部: the county committee's accounts over the village. */
const county = (actor: Actor, c: CaseView) => actor.roles.includes('county_admin') && covers(actor, c);
/** The applying township (or the county) may withdraw an application not yet opened. */
const applicant = (actor: Actor, c: CaseView) => (actor.roles.includes('township_admin') || actor.roles.includes('county_admin')) && covers(actor, c);
const step = (from: SelectionState, to: SelectionState, name: SelectionTransition) => ({ from: [from], to, label: SELECTION_TRANSITION_LABELS[name], allowed: county });

export const selectionWorkflow: WorkflowDef<SelectionState, SelectionTransition> = {
  caseType: 'public_selection',
  states: ['applied', 'registration', 'vetting', 'written', 'interview', 'inspection', 'appointed', 'cancelled'],
  stateLabels: SELECTION_STATE_LABELS,
  initial: 'applied',
  resolvedStates: ['appointed', 'cancelled'],
  finalStates: ['appointed', 'cancelled'],
  transitions: {
    open_registration: step('applied', 'registration', 'open_registration'),
    start_vetting: step('registration', 'vetting', 'start_vetting'),
    start_written: step('vetting', 'written', 'start_written'),
    start_interview: step('written', 'interview', 'start_interview'),
    start_inspection: {
      ...step('interview', 'inspection', 'start_inspection'),
      requires: [{ field: 'candidateId', zh: '请选定考察人选', en: 'Choose the candidate to inspect' }],
    },
    reject_candidate: {
      ...step('inspection', 'interview', 'reject_candidate'),
      requires: [{ field: 'comment', zh: '请写明考察不合格的原因', en: 'Give the reason the inspection failed' }],
    },
    appoint: {
      ...step('inspection', 'appointed', 'appoint'),
      requires: [
        { field: 'comment', zh: '请填写组织考察意见', en: 'Give the inspection opinion' },
        { field: 'startDate', zh: '请填写任职日期', en: 'Give the start date' },
      ],
    },
    cancel: {
      from: ['applied'],
      to: 'cancelled',
      label: SELECTION_TRANSITION_LABELS.cancel,
      allowed: applicant,
      requires: [{ field: 'comment', zh: '请写明终止原因', en: 'Give the reason' }],
    },
  },
  sla: { escalateOverdue: false },
};
