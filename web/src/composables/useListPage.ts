// State of a paged list page: the query (search form), the current page and size, the loaded rows.
// The page's template binds `query` to <SearchForm> (search / reset) and page, pageSize, total to
// <ListPager> (current-change → load, size-change → search).
import { onMounted, reactive, ref } from 'vue'
import type { Page } from '../api/types'
import type { Query } from '../api/http'

export interface ListPageOptions {
  /** Load the first page when the component mounts (default true). */
  immediate?: boolean
}

export function useListPage<T, Q extends Query>(
  fetcher: (query: Q) => Promise<Page<T>>,
  defaults: Q,
  { immediate = true }: ListPageOptions = {},
) {
  const query = reactive({ ...defaults }) as Q
  const items = ref<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await fetcher({ ...(query as object), page: page.value, page_size: pageSize.value } as unknown as Q)
      if (mine !== seq) return
      items.value = res.items
      total.value = res.total
      // The last page may have emptied (after a delete): step back.
      if (res.items.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        await load()
      }
    } catch {
      if (mine === seq) {
        items.value = []
        total.value = 0
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(query as object, defaults)
    return search()
  }

  function currentQuery(): Q {
    return { ...(query as object) } as Q
  }

  if (immediate) onMounted(load)

  return { query, items, total, page, pageSize, loading, load, search, reset, currentQuery }
}
