// Work-plan tasks (工作要点): the API calls and types of /api/work-tasks (src/http/openapi.json).
// A task is a case on the work_plan channel; its case page is /cases/{case_id}.
import { http } from './http'
import type { CaseState, Page } from './types'

type Opts = Parameters<typeof http.post>[2]

export type Standing = 'on_track' | 'lagging' | 'overdue' | 'done' | 'done_late' | 'cancelled'
export type Escalation = 'none' | 'warning' | 'urge' | 'supervise' | 'circulate' | 'escalate'

export interface Milestone {
  position: number
  title: string
  due_on: string
  done_on: string | null
  done_by_user_id: number | null
}
export interface WorkTask {
  case_id: number
  number: string
  title: string
  text: string
  year: number
  chain_id: number | null
  chain_name: string
  owner_unit_id: number | null
  owner_name: string
  co_owner_names: string[]
  deadline_on: string
  progress: number
  milestones: Milestone[]
  standing: Standing
  case_state: CaseState
  escalation: Escalation
  due_at: string | null
  replied_at: string | null
  closed_at: string | null
  created_at: string
}
export interface WorkTaskInput {
  title: string
  text: string
  year?: number
  chain_id?: number
  owner_unit_id: number
  co_owner_unit_ids?: number[]
  deadline_on: string
  milestones?: { title: string; due_on: string }[]
}
export interface WorkTaskQuery {
  year?: number
  chain_id?: number
  unit_id?: number
  overdue?: boolean
  q?: string
  page?: number
  page_size?: number
}
export interface ProgressInput {
  progress: number
  note: string
  milestones_done?: number[]
}

export const workTaskApi = {
  list: (query: WorkTaskQuery, opts?: Opts) => http.get<Page<WorkTask>>('/api/work-tasks', { ...query }, opts),
  get: (id: number, opts?: Opts) => http.get<WorkTask>(`/api/work-tasks/${id}`, undefined, opts),
  create: (body: WorkTaskInput, opts?: Opts) => http.post<WorkTask>('/api/work-tasks', body, opts),
  report: (id: number, body: ProgressInput, opts?: Opts) =>
    http.post<WorkTask>(`/api/work-tasks/${id}/progress`, body, opts),
}
