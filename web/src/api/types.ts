// Types of the JSON API (see the API contract in docs; times are ISO 8601 strings in UTC).
export interface Scope {
  kind: 'all' | 'units' | 'own_unit' | 'own_unit_and_below' | 'self'
  unit_ids: number[]
}
export interface Me {
  id: number
  login: string
  name: string
  unit_id: number
  unit_name: string
  permissions: string[]
  scope: Scope
  password_expired: boolean
  password_policy: 'asvs' | 'djbh'
}
export interface SessionReply {
  user: Me
  csrf_token: string
}
export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}
export interface Items<T> {
  items: T[]
}
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'community'
export interface Region {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
  child_count: number
  path?: { code: string; name: string }[]
}
export interface Unit {
  id: number
  name: string
  kind: string
  region_code: string
  region_name: string
  parent_id: number | null
  parent_name: string | null
  code: string | null
  created_at: string
  updated_at: string
}
export interface UnitInput {
  name: string
  kind: string
  region_code: string
  parent_id: number | null
  code: string | null
}
export interface RoleRef {
  id: number
  key: string
  name: string
}
export interface User {
  id: number
  login: string
  name: string
  phone: string | null
  unit_id: number
  unit_name: string
  roles: RoleRef[]
  scope: Scope
  status: 'active' | 'disabled'
  locked_until: string | null
  password_changed_at: string | null
  created_at: string
}
export interface Role {
  id: number
  key: string
  name: string
  permissions: string[]
  builtin: boolean
}
export interface Permission {
  key: string
  group: string
}
export interface Position {
  id: number
  user_id: number
  user_name: string
  kind: string
  context_type: string
  context_ref: string
  context_name: string
  created_at: string
}
export interface LoginLog {
  id: number
  at: string
  login: string
  user_id: number | null
  result: 'success' | 'failure' | 'locked' | 'logout'
  reason: string | null
  client_address: string
  user_agent: string
}
export interface OperationLog {
  id: number
  at: string
  user_id: number | null
  login: string | null
  action: string
  object_type: string
  object_id: string | number | null
  result: 'ok' | 'denied' | 'error'
  detail: string | null
  client_address: string
}
export interface VerifyResult {
  ok: boolean
  checked: number
  first_bad: { table: string; id: number | string; reason: string } | null
}
