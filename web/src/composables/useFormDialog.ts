// Forms that are submitted through the API wrapper (api/http.ts), and the create / edit dialogs
// built on them. The wrapper shows a failed request as a message, or, when the server names a field
// of the form (error.field), on that form item: `:error="errors.name"`.
import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormInstance } from 'element-plus'

export type FieldErrors<K extends string> = Record<K, string>

/** Field errors shown on form items (`:error="errors.name"`), filled from the server's error.field. */
export function useFieldErrors<K extends string>(fields: readonly K[]) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as FieldErrors<K>
  function clear(): void {
    for (const f of fields) (errors as Record<string, string>)[f] = ''
  }
  return { errors, clear }
}

/**
 * An el-form (`ref="formRef" :model="form"`) with its field errors and a `saving` flag.
 * `blank` gives the empty form; `fields` are the form items that show server field errors.
 */
export function useForm<F extends object, K extends string>(blank: () => F, fields: readonly K[]) {
  const formRef = ref<FormInstance>()
  const form = reactive(blank()) as F
  const { errors, clear: clearErrors } = useFieldErrors(fields)
  const saving = ref(false)

  /** Empties the form (then sets `values`) and clears the field errors. */
  function reset(values: Partial<F> = {}): void {
    Object.assign(form, blank(), values)
    clearErrors()
  }

  /**
   * Validates the form, then runs `action` (the API call, given the field errors to fill) and, once
   * it succeeded, `then` with its result. A failed request is shown by the API wrapper (message or
   * form field); the result is whether it all succeeded.
   */
  async function submit<R>(
    action: (fieldErrors: FieldErrors<K>) => Promise<R>,
    then?: (result: R) => unknown,
  ): Promise<boolean> {
    clearErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return false
    saving.value = true
    try {
      const result = await action(errors)
      await then?.(result)
      return true
    } catch {
      return false /* shown by the wrapper / on the field */
    } finally {
      saving.value = false
    }
  }

  return { formRef, form, errors, clearErrors, saving, reset, submit }
}

export interface FormDialogOptions<F, K extends string, E> {
  /** The empty form (create). */
  blank: () => F
  /** Form items that show server field errors. */
  fields: readonly K[]
  /** Form values for the row the dialog is opened for (edit). */
  fromRow?: (row: E) => Partial<F>
}

/** API calls of a create / edit dialog; `update` is used when the dialog was opened for a row. */
export interface SaveCalls<K extends string, E, R> {
  create: (fieldErrors: FieldErrors<K>) => Promise<R>
  update?: (row: E, fieldErrors: FieldErrors<K>) => Promise<R>
}

/**
 * A dialog around a form (see <FormDialog>): `open()` for create, `open(row)` for the row to edit
 * (`editing`, null when creating); `save()` creates or updates and closes the dialog.
 */
export function useFormDialog<F extends object, K extends string, E = never>(options: FormDialogOptions<F, K, E>) {
  const { t } = useI18n()
  const base = useForm(options.blank, options.fields)
  const visible = ref(false)
  const editing = ref(null) as Ref<E | null>

  function open(row: E | null = null): void {
    editing.value = row
    base.reset(row !== null && options.fromRow ? options.fromRow(row) : {})
    visible.value = true
    // After the dialog has rendered the form: no "required" errors from the previous opening.
    setTimeout(() => base.formRef.value?.clearValidate())
  }

  function close(): void {
    visible.value = false
  }

  /** Like useForm's submit; the dialog closes once `action` has succeeded, before `then`. */
  function submit<R>(action: (fieldErrors: FieldErrors<K>) => Promise<R>, then?: (result: R) => unknown) {
    return base.submit(async (fieldErrors) => {
      const result = await action(fieldErrors)
      close()
      return result
    }, then)
  }

  /** Updates the row being edited, or creates; says so (saved / created), closes, then `then`. */
  function save<R>(calls: SaveCalls<K, E, R>, then?: (result: R) => unknown) {
    return submit(async (fieldErrors) => {
      const row = editing.value
      if (row !== null && calls.update) {
        const updated = await calls.update(row, fieldErrors)
        ElMessage.success(t('common.saved'))
        return updated
      }
      const created = await calls.create(fieldErrors)
      ElMessage.success(t('common.created'))
      return created
    }, then)
  }

  return { ...base, visible, editing, open, close, submit, save }
}
