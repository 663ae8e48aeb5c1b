// Building meetings (楼栋会): the API calls and types of /api/meetings and /api/meeting-schedules
// (src/http/openapi.json). Agenda items are cases; their actions go through caseApi.
import { http, type Query } from './http'
import type { CaseState, Page } from './types'

type Opts = Parameters<typeof http.post>[2]

export type AttendeeRole = 'community' | 'property_company' | 'resident_representative' | 'street_office' | 'other'
export const ATTENDEE_ROLES: AttendeeRole[] = [
  'community', 'property_company', 'resident_representative', 'street_office', 'other',
]
export type MeetingState = 'scheduled' | 'held'
export type AgendaStatus = 'open' | 'awaiting_sign_off' | 'settled' | 'carried_over' | 'withdrawn'

export interface MeetingAttendee {
  id: number
  role: AttendeeRole
  name: string
  affiliation: string
  user_id: number | null
}
export interface MeetingAttendeeInput {
  role: AttendeeRole
  name: string
  affiliation?: string
  user_id?: number
}
export interface Meeting {
  id: number
  community_unit_id: number
  scheduled_on: string
  place: string
  state: MeetingState
  held_at: string | null
  minutes: string
  minutes_at: string | null
  attendees: MeetingAttendee[]
  created_at: string
  updated_at: string
}
export interface MeetingSummary extends Meeting {
  community_name: string
  item_count: number
}
export interface MeetingSchedule {
  community_unit_id: number
  day_of_month: number
  place: string
  buildings: number
  residents: number
}
export interface MeetingAgendaItem {
  case_id: number
  number: string
  position: number
  raised: boolean
  title: string
  address: string
  raised_by: string
  category_code: string
  category_name: string
  state: CaseState
  lead_unit_id: number | null
  lead_unit_name: string
  due_at: string | null
  replied_at: string | null
  closed_at: string | null
  rating: number | null
  reply: string
  sign_off: string
  signed_off_at: string | null
  status: AgendaStatus
}
export interface MeetingDetail {
  meeting: Meeting
  community_name: string
  schedule: MeetingSchedule
  previous: { id: number; scheduled_on: string; state: MeetingState } | null
  agenda: MeetingAgendaItem[]
  to_carry: MeetingAgendaItem[]
}
export interface MeetingItemCase {
  case_id: number
  number: string
  state: CaseState
  rating: number | null
}
export interface MeetingQuery extends Query {
  community_unit_id?: number | null
  state?: MeetingState | ''
  page?: number
  page_size?: number
}

export const meetingApi = {
  list: (query: MeetingQuery, opts?: Opts) => http.get<Page<MeetingSummary>>('/api/meetings', query, opts),
  get: (id: number, opts?: Opts) => http.get<MeetingDetail>(`/api/meetings/${id}`, undefined, opts),
  /** Date, place and attendees default from the schedule and the community's latest meeting. */
  create: (body: { community_unit_id: number; scheduled_on?: string; place?: string; attendees?: MeetingAttendeeInput[] }, opts?: Opts) =>
    http.post<Meeting>('/api/meetings', body, opts),
  hold: (id: number, body: { place?: string; attendees?: MeetingAttendeeInput[] }, opts?: Opts) =>
    http.post<Meeting>(`/api/meetings/${id}/hold`, body, opts),
  minutes: (id: number, minutes: string, opts?: Opts) => http.put<Meeting>(`/api/meetings/${id}/minutes`, { minutes }, opts),
  addItem: (id: number, body: { title: string; text: string; category_code?: string; address?: string; raised_by?: string }, opts?: Opts) =>
    http.post<MeetingItemCase>(`/api/meetings/${id}/items`, body, opts),
  signOff: (id: number, caseId: number, body: { attendee_id: number; rating: number; note?: string }, opts?: Opts) =>
    http.post<MeetingItemCase>(`/api/meetings/${id}/items/${caseId}/sign-off`, body, opts),
  schedule: (communityUnitId: number, opts?: Opts) =>
    http.get<MeetingSchedule>(`/api/meeting-schedules/${communityUnitId}`, undefined, opts),
  putSchedule: (communityUnitId: number, body: { day_of_month: number; place?: string; buildings?: number; residents?: number }, opts?: Opts) =>
    http.put<MeetingSchedule>(`/api/meeting-schedules/${communityUnitId}`, body, opts),
}
