// Micro-wishes (微心愿): the API calls and types of /api/wish-campaigns, /api/wish-figures,
// /api/wishes and /api/public/wishes (src/http/openapi.json). A wish is a case; its case page is
// /cases/{case_id}.
import { http, type Query } from './http'
import type { CaseState, Page } from './types'

type Opts = Parameters<typeof http.post>[2]

export type WishKind = 'material' | 'care'
export type DonorKind = 'person' | 'organisation'
export type WishState = 'recorded' | 'published' | 'claimed' | 'delivered'
export const WISH_STATES: WishState[] = ['recorded', 'published', 'claimed', 'delivered']

export interface WishCampaign {
  id: number
  name: string
  organiser_unit_id: number
  organiser_name: string
  region_code: string
  opens_on: string
  deadline_on: string
  description: string
  created_at: string
  updated_at: string
}
export interface WishCampaignInput {
  name: string
  organiser_unit_id: number
  region_code: string
  opens_on: string
  deadline_on: string
  description?: string
}
export interface WishCounts {
  recorded: number
  published: number
  claimed: number
  delivered: number
  delivered_on_time: number
}
export interface StationWishCounts extends WishCounts {
  station_unit_id: number
  station_name: string
  region_code: string
}
export interface WishFigures {
  total: WishCounts
  stations: StationWishCounts[]
}
export interface Wish {
  case_id: number
  number: string
  case_state: CaseState
  campaign_id: number
  campaign_name: string
  opens_on: string
  deadline_on: string
  station_unit_id: number
  station_name: string
  item: string
  kind: WishKind
  child_alias: string
  child_age: number
  story: string
  state: WishState
  recorded_at: string
  published_at: string | null
  claimed_at: string | null
  delivered_at: string | null
  delivered_on_time: boolean
  donor: { kind: DonorKind; name: string; phone: string } | null
  masked: boolean
}
export interface WishInput {
  campaign_id: number
  station_unit_id?: number
  item: string
  kind: WishKind
  child_alias: string
  child_age: number
  story: string
}
export interface DonorInput {
  donor_kind: DonorKind
  donor_name: string
  donor_phone: string
}
export interface PublicWish {
  id: number
  item: string
  kind: WishKind
  story: string
  child_age: number
  station_name: string
  campaign_id: number
  campaign_name: string
  opens_on: string
  deadline_on: string
  state: Exclude<WishState, 'recorded'>
}
export interface WishQuery extends Query {
  campaign_id?: number | null
  station_unit_id?: number | null
  state?: WishState | ''
  page?: number
  page_size?: number
}

export const wishApi = {
  campaigns: (query: { q?: string; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<Page<WishCampaign>>('/api/wish-campaigns', query, opts),
  campaign: (id: number, opts?: Opts) => http.get<WishCampaign>(`/api/wish-campaigns/${id}`, undefined, opts),
  createCampaign: (body: WishCampaignInput, opts?: Opts) => http.post<WishCampaign>('/api/wish-campaigns', body, opts),
  updateCampaign: (id: number, body: WishCampaignInput, opts?: Opts) =>
    http.put<WishCampaign>(`/api/wish-campaigns/${id}`, body, opts),
  removeCampaign: (id: number) => http.del(`/api/wish-campaigns/${id}`),
  campaignFigures: (id: number, opts?: Opts) => http.get<WishFigures>(`/api/wish-campaigns/${id}/figures`, undefined, opts),
  list: (query: WishQuery, opts?: Opts) => http.get<Page<Wish>>('/api/wishes', query, opts),
  get: (id: number, opts?: Opts) => http.get<Wish>(`/api/wishes/${id}`, undefined, opts),
  record: (body: WishInput, opts?: Opts) => http.post<Wish>('/api/wishes', body, opts),
  publish: (id: number, opts?: Opts) => http.post<Wish>(`/api/wishes/${id}/publish`, undefined, opts),
  claim: (id: number, body: DonorInput, opts?: Opts) => http.post<Wish>(`/api/wishes/${id}/claim`, body, opts),
  deliver: (id: number, body: { attachment_ids: number[]; note?: string }, opts?: Opts) =>
    http.post<Wish>(`/api/wishes/${id}/delivery`, body, opts),
}

export const publicWishApi = {
  list: (query: { campaign_id?: number | null; state?: string; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<Page<PublicWish>>('/api/public/wishes', query, { noAuthRedirect: true, ...opts }),
  claim: (id: number, body: DonorInput, opts?: Opts) =>
    http.post<PublicWish>(`/api/public/wishes/${id}/claim`, body, { noAuthRedirect: true, ...opts }),
}
