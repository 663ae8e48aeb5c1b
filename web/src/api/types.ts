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
/** An API key of a machine client (an Open311 GeoReport v2 app); the key itself is never listed. */
export interface ApiKey {
  id: number
  /** who holds the key (the app and its operator) */
  name: string
  /** the key's first characters (lz_ and 7 hex digits), to tell keys apart */
  key_prefix: string
  /** the intake unit of what the key files */
  unit_id: number
  unit_name: string
  created_at: string
  revoked_at: string | null
  last_used_at: string | null
}
export interface ApiKeyCreate {
  name: string
  unit_id: number
}
/** The answer to issuing a key: the key itself is in this answer only. */
export interface ApiKeyIssued {
  api_key: ApiKey
  key: string
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

// ---- industry chains (amounts are yuan, integers; shares are 0–1)
export type Stage = 'upstream' | 'midstream' | 'downstream'
export type Health = 'breakpoint' | 'weak' | 'strong'
export type SizeClass = 'micro' | 'small' | 'medium' | 'large'
export type MemberRole = 'chain_master' | 'key' | 'member'
export interface Chain {
  id: number
  name: string
  description: string
  region_code: string
  region_name: string
  lead_unit_id: number | null
  lead_unit_name: string | null
  responsible_unit_ids: number[]
  /** yuan per year, 0 when not set */
  target_revenue: number
  target_year: number
  /** invented for the demo (示例) */
  example: boolean
  segment_count: number
  created_at: string
  updated_at: string
}
export interface ChainInput {
  name: string
  description: string
  region_code: string
  lead_unit_id: number | null
  responsible_unit_ids: number[]
  target_revenue: number
  target_year: number
  example?: boolean
}
export interface Segment {
  id: number
  chain_id: number
  name: string
  stage: Stage
  parent_id: number | null
  industry_code: string
  description: string
  sort_order: number
}
export interface SegmentInput {
  name: string
  stage: Stage
  parent_id: number | null
  industry_code: string
  description: string
  sort_order: number
}
export interface SegmentLink {
  from_segment_id: number
  to_segment_id: number
}
export interface ChainDetail extends Chain {
  responsible_units: { id: number; name: string }[]
  segments: Segment[]
  links: SegmentLink[]
}
export interface Coverage {
  segment_count: number
  /** segments with a local member */
  covered_count: number
  completeness: number
}
export interface Completeness {
  overall: Coverage
  by_stage: Record<Stage, Coverage>
}
export interface SupplyFigures {
  total_volume: number
  outside_volume: number
  outside_share: number
  local_share: number
}
export interface NamedSegment {
  id: number
  name: string
  stage: Stage
}
export interface SegmentStrength {
  health: Health
  member_count: number
  local_member_count: number
  local_revenue: number
  local_employees: number
  has_chain_master: boolean
  leak: boolean
  supply: SupplyFigures
}
export interface ChainAnalysisSummary {
  chain_id: number
  name: string
  example: boolean
  segment_count: number
  local_enterprise_count: number
  completeness: Completeness
  breakpoint_count: number
  leak_count: number
}
export interface SegmentHealth extends NamedSegment {
  parent_id: number | null
  strength: SegmentStrength
}
export interface ChainAnalysis extends ChainAnalysisSummary {
  segments: SegmentHealth[]
  breakpoints: NamedSegment[]
  leaks: (NamedSegment & { supply: SupplyFigures })[]
  links: SegmentLink[]
}
export interface NamedEnterprise {
  id: number
  name: string
  credit_code: string
  region_code: string
  region_name: string
  local: boolean
  size: SizeClass
}
export interface SegmentDetail extends NamedSegment {
  chain_id: number
  strength: SegmentStrength
  members: (NamedEnterprise & { role: MemberRole })[]
  supplied_by: NamedSegment[]
  supplies_to: NamedSegment[]
}
export type TargetReasonCode = 'links_with_local' | 'size' | 'same_city' | 'same_province' | 'neighbour_province'
export interface TargetReason {
  code: TargetReasonCode
  count?: number
  /** yuan per year */
  volume?: number
  size?: SizeClass
  points: number
}
export interface Target extends NamedEnterprise {
  /** 0–100 */
  score: number
  reasons: TargetReason[]
}
export interface Enterprise {
  id: number
  credit_code: string
  name: string
  region_code: string
  region_name: string
  local: boolean
  size: SizeClass
  /** yuan */
  revenue: number
  employees: number
  founded: string | null
  created_at: string
  updated_at: string
}
export interface EnterpriseInput {
  credit_code: string
  name: string
  region_code: string
  local: boolean
  size: SizeClass
  revenue: number
  employees: number
  founded: string | null
}
export interface EnterpriseSaved extends Enterprise {
  /** registered firms whose names normalise alike (likely duplicates) */
  similar: Enterprise[]
}
export interface Membership {
  enterprise_id: number
  enterprise_name: string
  segment_id: number
  segment_name: string
  chain_id: number
  role: MemberRole
}
export interface SupplyLink {
  id: number
  supplier_id: number
  supplier_name: string
  buyer_id: number
  buyer_name: string
  /** yuan per year */
  volume: number
  note: string
}
export interface EnterpriseProfile extends Enterprise {
  memberships: Membership[]
  suppliers: SupplyLink[]
  buyers: SupplyLink[]
  similar: Enterprise[]
}
export type ExposureDirection = 'downstream' | 'upstream'
export interface Exposure {
  start: NamedEnterprise
  /** distinct enterprises within the hops, the start excluded */
  reached: number
  reached_local: number
  /** per_hop[i]: reached at distance i + 1 (local or not) */
  per_hop: number[]
  enterprises: (NamedEnterprise & { hops: number })[]
}

// ---- spreadsheet import / export
export type SheetFormat = 'xlsx' | 'csv'
export type ImportMode = 'all_or_nothing' | 'skip_bad_rows'
export interface ImportRowError {
  /** the row as Excel shows it (the header is row 1) */
  row: number
  column: string
  header: string
  message: string
}
export interface ImportReport {
  mode: ImportMode
  format: SheetFormat
  data_rows: number
  imported: number
  /** false: nothing was written */
  committed: boolean
  errors: ImportRowError[]
  errors_truncated: boolean
}

// ---- background jobs (GET /api/jobs/{id})
export type JobState = 'running' | 'succeeded' | 'failed'
/** The step a job is at: an import reads the file, checks its rows, writes them. */
export type JobPhase = 'reading' | 'checking' | 'writing'
export interface JobError {
  code: string
  message: string
  field: string | null
}
export interface Job<R> {
  id: string
  /** e.g. 'enterprise.import' */
  kind: string
  state: JobState
  phase: JobPhase
  /** rows done in this phase */
  done: number
  /** rows in this phase; 0 while unknown (reading) */
  total: number
  started_at: string
  finished_at: string | null
  /** succeeded: the result (an ImportReport for imports) */
  result: R | null
  /** failed: the error, as in every error body */
  error: JobError | null
}

// ---- casework (工单): catalogue, cases, inboxes, notifications, working calendar, KPIs
export type CaseState =
  | 'received' | 'pending_dispatch' | 'dispatched' | 'handling' | 'returned' | 'arbitration' | 'replied' | 'closed'
  | 'archived' | 'rejected' | 'merged'
export type CaseEventType =
  | 'create' | 'accept' | 'reject' | 'resolve_on_spot' | 'dispatch' | 'sign' | 'return' | 'arbitrate' | 'reassign'
  | 'co_sign' | 'co_reply' | 'progress' | 'request_extension' | 'approve_extension' | 'refuse_extension' | 'suspend'
  | 'resume' | 'reply' | 'callback' | 'close' | 'reopen' | 'archive' | 'merge' | 'absorb' | 'escalate'
/** The actions a user takes (every event type but create, absorb and escalate). */
export type CaseActionType = Exclude<CaseEventType, 'create' | 'absorb' | 'escalate'>
export type CaseOutcome = 'resolved' | 'partly_resolved' | 'unresolved' | 'explained'
export type Escalation = 'none' | 'warning' | 'urge' | 'supervise' | 'circulate' | 'escalate'
export type SubjectKind = 'none' | 'enterprise' | 'resident' | 'child'
export type CoState = 'dispatched' | 'signed' | 'replied'
export type InboxBox = 'to_dispatch' | 'returned' | 'to_callback' | 'to_sign' | 'to_handle' | 'overdue' | 'mine'
export type InboxCounts = Partial<Record<InboxBox, number>>

export interface CaseChannel {
  code: string
  name: string
  /** findings may be resolved where they are found (现场处置) */
  on_the_spot: boolean
  /** a reply waits for a callback (回访); otherwise the reply closes the case */
  callback: boolean
  active: boolean
}
export type CaseChannelInput = Omit<CaseChannel, 'code'>
/** The escalation ladder in working days around the deadline (0 disables a rung). */
export interface EscalationLadder {
  warn_before_days: number
  supervise_after_days: number
  circulate_after_days: number
  escalate_after_days: number
}
export interface CaseCategory {
  id: number
  /** two characters per level: "02", "0201" */
  code: string
  name: string
  parent_id: number | null
  /** working days */
  sign_days: number
  handle_days: number
  max_extension_days: number
  ladder: EscalationLadder
  active: boolean
  sort_order: number
}
export type CaseCategoryInput = Omit<CaseCategory, 'id' | 'parent_id'>
export interface CaseRoute {
  id: number
  category_id: number
  /** GB/T 2260 prefix; "" for everywhere */
  region_code: string
  unit_id: number
}
/** A page of cases with the names of the units and enterprises its items refer to, by id. */
export interface CasePage extends Page<Case> {
  unit_names: Record<string, string>
  enterprise_names: Record<string, string>
}
export interface Case {
  id: number
  number: string
  channel: string
  category_code: string
  title: string
  text: string
  region_code: string
  address: string
  /** masked in lists and for readers who do not handle the case */
  reporter_name: string
  reporter_phone: string
  subject_kind: SubjectKind
  enterprise_id: number | null
  subject_name: string
  chain_id: number | null
  state: CaseState
  version: number
  created_at: string
  updated_at: string
  accepted_at: string | null
  lead_unit_id: number | null
  co_units: { unit_id: number; state: CoState }[]
  handler_user_id: number | null
  dispatched_at: string | null
  sign_due_at: string | null
  signed_at: string | null
  due_at: string | null
  /** the clock is stopped (挂起) */
  suspended: boolean
  extension_requested_days: number | null
  extension_days: number
  replied_at: string | null
  outcome: CaseOutcome | null
  closed_at: string | null
  rating: number | null
  on_the_spot: boolean
  return_count: number
  reopen_count: number
  arbitrated: boolean
  escalation: Escalation
  merged_into: number | null
  absorbed: number[]
}
export interface CaseEvent {
  seq: number
  type: CaseEventType
  /** null: the system (escalation timer) */
  actor_user_id: number | null
  actor_unit_id: number | null
  at: string
  from_state: CaseState
  to_state: CaseState
  note: string
  unit_id: number | null
  co_unit_ids: number[]
  handler_user_id: number | null
  sign_due_at: string | null
  due_at: string | null
  days: number | null
  outcome: CaseOutcome | null
  rating: number | null
  related_case_id: number | null
  escalation: Escalation | null
}
export interface CaseDetail extends Case {
  events: CaseEvent[]
  /** id → name of every unit the case and its events name */
  unit_names: Record<string, string>
  user_names: Record<string, string>
  category_name: string
  channel_name: string
  region_name: string
  enterprise_name: string
  /** the unit the routing table proposes, while the case waits for (re-)dispatch */
  proposed_unit_id: number | null
  /** what the caller may do now */
  allowed_actions: CaseActionType[]
  masked: boolean
  /** the photos documenting the case (finding, result …), oldest first */
  attachments?: Attachment[]
}
/** A photo documenting a case, or a file of a policy document (POST /api/attachments stages it; a case
 *  or policy write attaches it by id). */
export interface Attachment {
  id: number
  /** null while staged or when it belongs to a policy */
  case_id: number | null
  /** the policy whose document it is; null while staged or when it belongs to a case */
  policy_id?: number | null
  /** the case event it documents */
  event_seq: number | null
  /** photos: image/jpeg, image/png, image/webp; policy documents also PDF, Word, Excel, PowerPoint, WPS, OFD */
  media_type: string
  byte_size: number
  width: number
  height: number
  name: string
  /** user id */
  created_by: number
  created_at: string
  /** where GET serves the bytes (same origin, session cookie) */
  url: string
}
export interface CaseInput {
  channel: string
  category_code: string
  title?: string
  text: string
  region_code: string
  address?: string
  reporter_name?: string
  reporter_phone?: string
  subject_kind?: SubjectKind
  enterprise_credit_code?: string
  subject_name?: string
  /** accept at once (the intake registering it) */
  accept?: boolean
  /** the caller's staged uploads (POST /api/attachments), at most 9 */
  attachment_ids?: number[]
}
export interface CaseAction {
  type: CaseActionType
  note?: string
  unit_id?: number | null
  co_unit_ids?: number[]
  days?: number | null
  outcome?: CaseOutcome | null
  rating?: number | null
  related_case_id?: number | null
  /** refused (409) when the case has moved on since it was shown */
  expected_version?: number | null
  /** the caller's staged uploads (POST /api/attachments), at most 9 */
  attachment_ids?: number[]
}
export interface BulkItemResult {
  id: number
  ok: boolean
  error?: { code: string; message: string; field: string | null }
}
export interface Notification {
  id: number
  /** "case.dispatch", "case.escalate.supervise", … */
  kind: string
  title: string
  body: string
  case_id: number | null
  /** the case's readable number, for titles localised from kind */
  case_number: string | null
  link: string
  created_at: string
  read_at: string | null
}
export interface CalendarFile {
  year: number
  file_name: string
  /** user id */
  loaded_by: number
  loaded_at: string
}
export interface CalendarInfo {
  first_year: number
  last_year: number
  /** deadlines reckoned Monday–Friday because they reached past last_year */
  assumed_weekend_answers: number
  files: CalendarFile[]
}
export interface CalendarDay {
  date: string
  working: boolean
  /** "holiday", "workday" (a make-up workday) or "" */
  kind: '' | 'holiday' | 'workday'
  name: string
  /** false: outside the loaded years, reckoned Monday–Friday */
  official: boolean
}

// ---- casework KPIs (docs/kpi.md): counts, overdue, and rates 0…1 (null when the denominator is 0)
export type KpiCount =
  | 'received' | 'rejected' | 'merged' | 'signed' | 'signed_on_time' | 'closed' | 'closed_on_time' | 'resolved'
  | 'patrol_findings' | 'on_the_spot' | 'rated' | 'satisfied' | 'reopened' | 'open' | 'overdue' | 'returned'
export type KpiRate =
  | 'sign_on_time_rate' | 'completion_on_time_rate' | 'resolution_rate' | 'on_the_spot_rate' | 'satisfaction_rate'
  | 'reopen_rate'
export type KpiFigures = Record<KpiCount, number> & Record<KpiRate, number | null>
export type KpiGroupBy = 'none' | 'unit' | 'channel' | 'category' | 'region' | 'chain'
export type KpiBucket = 'day' | 'week' | 'month' | 'year'
export type KpiRow = KpiFigures & { id: number | null; code: string | null; name: string }
export type KpiSeriesPoint = KpiFigures & { label: string; from: string; to: string }
export interface KpiReport {
  from: string
  to: string
  by: KpiGroupBy
  category_level: number
  region_level: RegionLevel
  bucket: KpiBucket | null
  /** the instant overdue was judged at */
  as_of: string
  /** limited to the units of the caller's data scope */
  restricted: boolean
  total: KpiFigures
  rows: KpiRow[]
  series: KpiSeriesPoint[]
}

/** A case as the public sees it (POST /api/public/case-lookups): no personal data, no internal notes. */
export interface PublicCase {
  number: string
  channel_name: string
  category_name: string
  region_name: string
  state: CaseState
  created_at: string
  accepted_at: string | null
  due_at: string | null
  closed_at: string | null
  unit_name: string | null
  /** answer: the text the reporter was given (reply, on-the-spot resolution, rejection) */
  steps: { type: CaseEventType; at: string; unit_name: string | null; answer: string | null }[]
  outcome: CaseOutcome | null
  reply: string | null
  replied_at: string | null
  rating: number | null
}
