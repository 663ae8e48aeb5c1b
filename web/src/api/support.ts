// Support bodies and open challenges (揭榜挂帅): the API calls and types of /api/support-bodies
// and /api/challenges (src/http/openapi.json).
import { http } from './http'
import type { Page } from './types'

type Opts = Parameters<typeof http.post>[2]

export type BodyKind = 'advisory_committee' | 'industry_alliance' | 'research_institute' | 'testing_centre'
export const BODY_KINDS: BodyKind[] = ['advisory_committee', 'industry_alliance', 'research_institute', 'testing_centre']
export type MemberTitle = 'academician' | 'expert' | 'entrepreneur' | 'official'
export const MEMBER_TITLES: MemberTitle[] = ['academician', 'expert', 'entrepreneur', 'official']
export type ChallengeState = 'open' | 'awarded' | 'completed' | 'cancelled'
export const CHALLENGE_STATES: ChallengeState[] = ['open', 'awarded', 'completed', 'cancelled']

export interface BodyMember {
  name: string
  title: MemberTitle
  affiliation: string
  role: string
}
export interface SupportBody {
  id: number
  kind: BodyKind
  name: string
  chain_id: number | null
  chain_name: string
  region_code: string
  description: string
  members: BodyMember[]
  academicians: number
  created_at: string
  updated_at: string
}
export interface SupportBodyInput {
  kind: BodyKind
  name: string
  chain_id?: number | null
  region_code: string
  description?: string
  members: BodyMember[]
}
export interface ChallengeMilestone {
  position: number
  title: string
  due_on: string
  done_on: string | null
}
export interface ChallengeApplication {
  id: number
  team: string
  leader: string
  affiliation: string
  proposal: string
  contact_phone: string
  submitted_at: string
}
export interface Challenge {
  id: number
  enterprise_id: number
  enterprise_name: string
  credit_code: string
  chain_id: number | null
  chain_name: string
  segment_id: number | null
  segment_name: string
  title: string
  need: string
  reward_yuan: number
  apply_by: string
  state: ChallengeState
  awarded_application_id: number | null
  awarded_on: string | null
  closing_note: string
  milestones: ChallengeMilestone[]
  applications_count: number
  applications?: ChallengeApplication[]
  created_at: string
  updated_at: string
}
export interface ChallengeInput {
  credit_code: string
  chain_id?: number | null
  segment_id?: number | null
  title: string
  need: string
  reward_yuan: number
  apply_by: string
}
export interface ApplicationInput {
  team: string
  leader: string
  affiliation?: string
  proposal: string
  contact_phone: string
}

export const supportApi = {
  bodies: (query: { kind?: BodyKind; chain_id?: number; q?: string; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<Page<SupportBody>>('/api/support-bodies', query, opts),
  createBody: (body: SupportBodyInput, opts?: Opts) => http.post<SupportBody>('/api/support-bodies', body, opts),
  updateBody: (id: number, body: SupportBodyInput, opts?: Opts) =>
    http.put<SupportBody>(`/api/support-bodies/${id}`, body, opts),
  removeBody: (id: number) => http.del(`/api/support-bodies/${id}`),
  challenges: (query: { state?: ChallengeState; chain_id?: number; q?: string; page?: number; page_size?: number },
    opts?: Opts) => http.get<Page<Challenge>>('/api/challenges', query, opts),
  challenge: (id: number, opts?: Opts) => http.get<Challenge>(`/api/challenges/${id}`, undefined, opts),
  post: (body: ChallengeInput, opts?: Opts) => http.post<Challenge>('/api/challenges', body, opts),
  apply: (id: number, body: ApplicationInput, opts?: Opts) =>
    http.post<Challenge>(`/api/challenges/${id}/applications`, body, opts),
  award: (id: number, body: { application_id: number; milestones: { title: string; due_on: string }[] }, opts?: Opts) =>
    http.post<Challenge>(`/api/challenges/${id}/award`, body, opts),
  milestoneDone: (id: number, position: number, opts?: Opts) =>
    http.post<Challenge>(`/api/challenges/${id}/milestone-done`, { position }, opts),
  complete: (id: number, note: string, opts?: Opts) => http.post<Challenge>(`/api/challenges/${id}/complete`, { note }, opts),
  cancel: (id: number, note: string, opts?: Opts) => http.post<Challenge>(`/api/challenges/${id}/cancel`, { note }, opts),
}
