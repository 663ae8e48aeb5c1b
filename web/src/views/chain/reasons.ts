// Target-recommendation reasons (GET /api/chains/{id}/segments/{segment_id}/targets) as sentences in
// the current language, e.g. "已与本地 3 家企业有供货往来（合计 120 万元/年）", "大型企业", "同省".
import type { TargetReason } from '../../api'
import { enumLabel, i18n, moneyText } from '../../i18n'

export function reasonText(r: TargetReason): string {
  const t = i18n.global.t
  switch (r.code) {
    case 'links_with_local':
      return r.volume
        ? t('enums.targetReason.links_with_local', { count: r.count ?? 0, amount: moneyText(r.volume) })
        : t('enums.targetReason.links_with_local_plain', { count: r.count ?? 0 })
    case 'size':
      return t('enums.targetReason.size', { size: enumLabel('enterpriseSize', r.size) })
    default:
      return enumLabel('targetReason', r.code)
  }
}

/** The points a reason adds to the score, e.g. "+20 分". */
export function reasonPoints(r: TargetReason): string {
  return i18n.global.t('enums.targetReason.points', { points: Math.round(r.points * 10) / 10 })
}
