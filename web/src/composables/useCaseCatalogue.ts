// The casework catalogue as every casework page needs it: the channels and the coded category
// tree, loaded once per session (reload() after the catalogue pages change them), with the
// display names of a channel or category code and the tree the category pickers show.
import { computed, ref } from 'vue'
import { caseCatalogueApi, type CaseCategory, type CaseChannel } from '../api'

const channels = ref<CaseChannel[]>([])
const categories = ref<CaseCategory[]>([])
let loading: Promise<void> | null = null

async function fetchAll(): Promise<void> {
  const silent = { silent: true }
  const [ch, cat] = await Promise.all([caseCatalogueApi.channels(silent), caseCatalogueApi.categories(silent)])
  channels.value = ch.items
  categories.value = cat.items
}

/** Loads the catalogue (once; `force` reads it again). */
function load(force = false): Promise<void> {
  if (!loading || force) {
    loading = fetchAll().catch(() => {
      loading = null /* try again next time */
    })
  }
  return loading
}

export interface CategoryNode {
  id: number
  value: string // the code
  label: string
  category: CaseCategory
  disabled: boolean
  children: CategoryNode[]
}

/** Categories nested by parent_id, each level in sort order then code. */
export function categoryTreeOf(all: CaseCategory[], { onlyActive = false } = {}): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>()
  const sorted = [...all].sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
  for (const c of sorted) {
    nodes.set(c.id, { id: c.id, value: c.code, label: `${c.code} ${c.name}`, category: c, disabled: onlyActive && !c.active, children: [] })
  }
  const roots: CategoryNode[] = []
  for (const c of sorted) {
    const node = nodes.get(c.id)!
    const parent = c.parent_id !== null ? nodes.get(c.parent_id) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export function useCaseCatalogue() {
  load()
  const channelByCode = computed(() => new Map(channels.value.map((c) => [c.code, c])))
  const categoryByCode = computed(() => new Map(categories.value.map((c) => [c.code, c])))
  const categoryById = computed(() => new Map(categories.value.map((c) => [c.id, c])))

  return {
    channels,
    categories,
    activeChannels: computed(() => channels.value.filter((c) => c.active)),
    /** The tree for pickers (inactive categories shown but not selectable). */
    categoryTree: computed(() => categoryTreeOf(categories.value, { onlyActive: true })),
    channelByCode,
    categoryByCode,
    categoryById,
    channelName: (code: string | null | undefined) => (code ? channelByCode.value.get(code)?.name ?? code : ''),
    categoryName: (code: string | null | undefined) => (code ? categoryByCode.value.get(code)?.name ?? code : ''),
    reload: () => load(true),
  }
}
