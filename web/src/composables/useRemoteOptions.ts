// useRemoteOptions: the state of a remote-search picker (el-select filterable remote) whose
// v-model is an id: the options (the `initial` ones first, the selected one kept across searches),
// the loading flag, out-of-order answers dropped, a first search when the list opens empty, and the
// v-model binding that also emits `change` with the picked option.
import { computed, ref, watch, type Ref } from 'vue'

export interface RemoteOption { id: number; name: string }

export function useRemoteOptions<O extends RemoteOption>(
  props: { modelValue: number | null | undefined; initial?: O[] },
  emit: { (e: 'update:modelValue', v: number | null): void; (e: 'change', v: O | null): void },
  fetch: (q: string) => Promise<O[]>,
) {
  const options = ref([]) as Ref<O[]>
  const loading = ref(false)
  let seq = 0

  watch(() => props.initial, (v) => {
    if (!v) return
    const known = new Set(options.value.map((o) => o.id))
    options.value = [...options.value, ...v.filter((o) => !known.has(o.id))]
  }, { immediate: true, deep: true })

  async function search(q: string) {
    const mine = ++seq
    loading.value = true
    try {
      const found = await fetch(q.trim())
      if (mine !== seq) return
      const cur = options.value.filter((o) => o.id === props.modelValue)
      options.value = [...cur, ...found.filter((o) => o.id !== props.modelValue)]
    } catch {
      /* keep the options shown */
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function onVisible(open: boolean) {
    if (open && options.value.length <= 1) search('')
  }

  const value = computed({
    get: () => props.modelValue ?? undefined,
    set: (v: number | undefined) => {
      const out = v === undefined || (v as unknown) === '' ? null : v
      emit('update:modelValue', out)
      emit('change', options.value.find((o) => o.id === out) ?? null)
    },
  })

  return { options, loading, search, onVisible, value }
}
