// Casework rules the UI needs to lay out pages and forms (the server decides; these only say
// which fields each action's form asks for, after src/domain/casework/lifecycle.cc Decide).
import type { CaseActionType, CaseState } from '../api/types'

/** States in which a unit is responsible and the due time runs (casework::IsOpen). */
export const RUNNING_STATES: readonly CaseState[] = ['dispatched', 'handling', 'returned', 'arbitration']

export interface ActionFields {
  /** the note: required (a reason, the reply …), optional, or not asked */
  note: 'required' | 'optional'
  /** the label of the note field: case.reason, case.replyText or case.note */
  noteLabel: 'reason' | 'replyText' | 'note'
  /** lead unit and co-units (dispatch, arbitrate, reassign) */
  assign?: boolean
  outcome?: boolean
  rating?: boolean
  /** working days: an extension asked for, or the days approved */
  days?: 'request' | 'approve'
  /** the original case of a duplicate (merge) */
  related?: boolean
  /** shown as a red button (refusals) */
  danger?: boolean
}

const required = (noteLabel: ActionFields['noteLabel'] = 'reason'): ActionFields => ({ note: 'required', noteLabel })
const optional: ActionFields = { note: 'optional', noteLabel: 'note' }

export const ACTION_FIELDS: Record<CaseActionType, ActionFields> = {
  accept: optional,
  reject: { ...required(), danger: true },
  resolve_on_spot: required('note'),
  dispatch: { ...optional, assign: true },
  arbitrate: { ...required(), assign: true },
  reassign: { ...required(), assign: true },
  sign: optional,
  return: { ...required(), danger: true },
  co_sign: optional,
  co_reply: required('replyText'),
  progress: required('note'),
  request_extension: { ...required(), days: 'request' },
  approve_extension: { ...optional, days: 'approve' },
  refuse_extension: { ...required(), danger: true },
  suspend: required(),
  resume: optional,
  reply: { ...required('replyText'), outcome: true },
  callback: { ...optional, rating: true },
  close: required(),
  reopen: { ...required(), danger: true },
  archive: optional,
  merge: { ...optional, related: true },
}

/** The order the case page lists its action buttons in: the usual next step first. */
export const ACTION_ORDER: readonly CaseActionType[] = [
  'accept', 'dispatch', 'arbitrate', 'sign', 'co_sign', 'progress', 'co_reply', 'reply', 'callback', 'close',
  'approve_extension', 'refuse_extension', 'request_extension', 'suspend', 'resume', 'reassign', 'return', 'reopen',
  'archive', 'merge', 'resolve_on_spot', 'reject',
]
