// The colours of a work-plan task's standing and of the escalation rung its case has reached.
import type { Escalation, Standing } from '../../api/workTasks'

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'
export const STANDING_TYPES: Record<Standing, TagType> = {
  on_track: 'primary', lagging: 'warning', overdue: 'danger', done: 'success', done_late: 'warning', cancelled: 'info',
}
export const ESCALATION_TYPES: Record<Escalation, TagType> = {
  none: 'info', warning: 'warning', urge: 'warning', supervise: 'danger', circulate: 'danger', escalate: 'danger',
}
