// Names of things the API gives only by id (a case's unit, its subject enterprise, a route's
// region): looked up once per id and kept for the session. `name(id)` is reactive: it gives the
// id itself ("#12") until the name has arrived, or when the caller may not read it.
import { reactive } from 'vue'
import { enterpriseApi, regionApi, unitApi, userApi, type CasePage } from '../api'

export interface NameCache<K extends string | number> {
  /** The name, or a placeholder while it loads; starts the lookup the first time. */
  name: (key: K | null | undefined) => string
  /** Names the caller already has (e.g. a case detail's unit_names). */
  prime: (names: Record<string, string> | [K, string][]) => void
}

export function createNameCache<K extends string | number>(lookup: (key: K) => Promise<string>,
  placeholder: (key: K) => string = (k) => `#${k}`): NameCache<K> {
  const names = reactive(new Map<K, string>())
  const pending = new Set<K>()

  function name(key: K | null | undefined): string {
    if (key === null || key === undefined || (key as unknown) === '') return ''
    const known = names.get(key)
    if (known !== undefined) return known
    if (!pending.has(key)) {
      pending.add(key)
      lookup(key).then((n) => names.set(key, n)).catch(() => names.set(key, placeholder(key)))
    }
    return placeholder(key)
  }

  function prime(given: Record<string, string> | [K, string][]): void {
    const entries = Array.isArray(given) ? given : Object.entries(given)
    for (const [k, v] of entries) {
      const key = (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k) as K
      names.set(key, v)
    }
  }

  return { name, prime }
}

const silent = { silent: true }
export const unitNames = createNameCache<number>(async (id) => (await unitApi.get(id, silent)).name)
export const enterpriseNames = createNameCache<number>(async (id) => (await enterpriseApi.get(id, silent)).name)
export const userNames = createNameCache<number>(async (id) => (await userApi.get(id, silent)).name)
export const regionNames = createNameCache<string>(async (code) => (await regionApi.get(code, silent)).name, (code) => code)

/** Keeps the names a page of cases carries, so its table shows them without a lookup per id. */
export function primeCaseNames(page: CasePage): CasePage {
  unitNames.prime(page.unit_names)
  enterpriseNames.prime(page.enterprise_names)
  return page
}
