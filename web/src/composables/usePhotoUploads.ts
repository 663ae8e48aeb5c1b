// Photos picked on a phone and staged one by one (patrol findings, their results, deliveries):
// each upload's progress and refusal, the ids to attach, and what still blocks sending them.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { attachmentApi, ApiError, type Attachment } from '../api'

export const MAX_PHOTOS = 9
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024 // as the server's limit

export type PhotoState = 'uploading' | 'done' | 'error'
export interface Photo {
  key: number
  name: string
  preview: string
  broken: boolean
  state: PhotoState
  progress: number
  error: string
  attachment: Attachment | null
}
let nextKey = 1

/**
 * A list of photos, each staged (POST /api/attachments) as soon as it is picked; `ids` are the
 * staged uploads to name in the case write's attachment_ids. Files over the limit are refused
 * before upload; the server's refusal stays on its photo.
 */
export function usePhotoUploads() {
  const { t } = useI18n()
  const list = ref<Photo[]>([])
  const busy = computed(() => list.value.some((p) => p.state === 'uploading'))
  const failed = computed(() => list.value.some((p) => p.state === 'error'))
  const ids = computed(() => list.value.flatMap((p) => (p.state === 'done' && p.attachment ? [p.attachment.id] : [])))

  async function upload(photo: Photo, file: File) {
    try {
      // silent: the refusal is shown on the photo, not as a message
      photo.attachment = await attachmentApi.stage(file, file.name, (share) => {
        photo.progress = Math.min(99, Math.round(share * 100))
      }, { silent: true })
      photo.progress = 100
      photo.state = 'done'
    } catch (e) {
      photo.state = 'error'
      photo.error = e instanceof ApiError ? e.message : String(e)
    }
  }

  function add(files: FileList | null) {
    if (!files) return
    const room = MAX_PHOTOS - list.value.length
    if (files.length > room) ElMessage.warning(t('patrol.tooMany', { max: MAX_PHOTOS }))
    for (const file of Array.from(files).slice(0, Math.max(0, room))) {
      list.value.push({
        key: nextKey++, name: file.name, preview: URL.createObjectURL(file), broken: false,
        state: 'uploading', progress: 0, error: '', attachment: null,
      })
      const photo = list.value[list.value.length - 1] // the reactive one
      if (file.size > MAX_PHOTO_BYTES) {
        photo.state = 'error'
        photo.error = t('patrol.tooLarge')
      } else {
        void upload(photo, file)
      }
    }
  }

  function remove(key: number) {
    const i = list.value.findIndex((p) => p.key === key)
    if (i < 0) return
    URL.revokeObjectURL(list.value[i].preview)
    list.value.splice(i, 1)
  }

  function clear() {
    for (const p of list.value) URL.revokeObjectURL(p.preview)
    list.value = []
  }

  /** Why the photos cannot be sent yet ('' when they can). */
  function blocker(): string {
    if (busy.value) return t('patrol.photosBusy')
    if (failed.value) return t('patrol.photosFailed')
    return ''
  }

  return { list, ids, add, remove, clear, blocker }
}
