// vue-i18n setup: zh-CN by default, English on request; the choice is kept in localStorage.
// Also the label helpers for the API's enum values (unit kinds, permissions, ...).
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type Lang = 'zh-CN' | 'en'
export const LANGS: { value: Lang; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
]
const STORAGE_KEY = 'lz_lang'

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'zh-CN' || saved === 'en') return saved
  } catch {
    /* storage unavailable: fall through */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLang(): Lang {
  return i18n.global.locale.value as Lang
}

export function setLang(lang: Lang): void {
  i18n.global.locale.value = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    /* ignore */
  }
  document.documentElement.lang = lang
}
document.documentElement.lang = initialLang()

const t = (key: string, values?: Record<string, unknown>) =>
  values ? i18n.global.t(key, values) : i18n.global.t(key)
const te = (key: string) => i18n.global.te(key) || i18n.global.te(key, 'zh-CN')

/** Label of an enum value, e.g. enumLabel('unitKind', 'department'); unknown values show as they are. */
export function enumLabel(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const key = `enums.${group}.${value}`
  return te(key) ? t(key) : value
}

/** Label of a permission key such as "org:unit:read". */
export function permLabel(perm: string): string {
  const key = `enums.perm.${perm.replace(/[^a-zA-Z0-9]/g, '_')}`
  return te(key) ? t(key) : perm
}

export const UNIT_KINDS = [
  'government', 'party_committee', 'department', 'street_office', 'community_committee', 'community_team',
  'social_work_station', 'chamber_of_commerce', 'advisory_committee', 'industry_alliance',
  'research_institute', 'testing_centre', 'other',
] as const
export const POSITION_KINDS = [
  'chain_leader', 'deputy_chain_leader', 'commissioner', 'social_worker', 'liaison_officer', 'supervisor',
  'grid_worker', 'community_team_member', 'unit_head', 'monitoring_point', 'enterprise_contact',
] as const
export const CONTEXT_TYPES = ['chain', 'enterprise', 'unit', 'region'] as const
export const SCOPE_KINDS = ['all', 'units', 'own_unit', 'own_unit_and_below', 'self'] as const
export const LOGIN_RESULTS = ['success', 'failure', 'locked', 'logout'] as const
export const OP_RESULTS = ['ok', 'denied', 'error'] as const
export const STAGES = ['upstream', 'midstream', 'downstream'] as const
export const HEALTHS = ['breakpoint', 'weak', 'strong'] as const
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const
export const MEMBER_ROLES = ['chain_master', 'key', 'member'] as const
export const CASE_STATES = [
  'received', 'pending_dispatch', 'dispatched', 'handling', 'returned', 'arbitration', 'replied', 'closed', 'archived',
  'rejected', 'merged',
] as const
export const CASE_OUTCOMES = ['resolved', 'partly_resolved', 'unresolved', 'explained'] as const
export const SUBJECT_KINDS = ['none', 'enterprise', 'resident', 'child'] as const
/** Satisfaction, best first: 5 非常满意 … 1 非常不满意. */
export const RATINGS = [5, 4, 3, 2, 1] as const
export const INBOX_BOXES = ['to_dispatch', 'returned', 'to_callback', 'to_sign', 'to_handle', 'overdue', 'mine'] as const
/** The KPIs of docs/kpi.md in the order the KPI page shows them. */
export const KPI_COUNTS = [
  'received', 'signed', 'signed_on_time', 'closed', 'closed_on_time', 'resolved', 'patrol_findings', 'on_the_spot',
  'rated', 'satisfied', 'reopened', 'open', 'overdue', 'returned', 'rejected', 'merged',
] as const
export const KPI_RATES = [
  'sign_on_time_rate', 'completion_on_time_rate', 'resolution_rate', 'on_the_spot_rate', 'satisfaction_rate',
  'reopen_rate',
] as const
export const KPI_GROUP_BYS = ['none', 'unit', 'channel', 'category', 'region', 'chain'] as const
export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'community'] as const

/**
 * An amount of yuan as a phrase: "120 万元" / "1.2 亿元" in Chinese, "CNY 1.2 million" / "CNY 3 billion"
 * in English (for sentences; tables use a unit in the column title instead).
 */
export function moneyText(yuan: number): string {
  const en = currentLang() === 'en'
  const big = en ? yuan >= 1e9 : yuan >= 1e8
  const n = en ? yuan / (big ? 1e9 : 1e6) : yuan / (big ? 1e8 : 1e4)
  const shown = n.toLocaleString('en-US', { maximumFractionDigits: 2 })
  return t(big ? 'enums.money.yi' : 'enums.money.wan', { n: shown })
}
