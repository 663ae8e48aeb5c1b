// Unified social credit codes (GB 32100-2015) for test data: the 18th character is the check
// character over the first 17, 31 − (Σ value(cᵢ)·3^(i−1) mod 31) mod 31, in the set below.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** The check character for 17 valid characters. */
export function checkChar(first17) {
  let sum = 0
  let weight = 1
  for (const c of first17) {
    const v = CHARSET.indexOf(c)
    if (v < 0) throw new Error(`'${c}' is not a credit-code character`)
    sum += v * weight
    weight = (weight * 3) % 31
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

/**
 * A valid code for an enterprise (authority 9, category 1) registered in `division` (6 digits),
 * with a 9-digit organisation part made from `serial`.
 */
export function creditCode(division, serial) {
  const body = `91${division}${String(serial).padStart(9, '0').slice(-9)}`
  return body + checkChar(body)
}

/** The same code with a wrong check character (what a typo looks like). */
export function mistyped(code) {
  const right = code[17]
  const wrong = CHARSET[(CHARSET.indexOf(right) + 1) % 31]
  return code.slice(0, 17) + wrong
}
