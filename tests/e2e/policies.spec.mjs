// The policy set (1+2+N, issue 7 point 3) in a real browser. Arranged through the API: a chain with
// two segments, two enterprises (one on each segment) and a chain administrator (role chain_admin:
// chain:policy:read, :write and :grant). Through the UI, as the chain administrator: 政策库 from the
// menu; a special policy created with a measure whose condition is the 覆铜板 segment (picked from
// the chain's segments); searched by the two-character word 扶持 (the casework search engine) and
// by type; the policy page lists 甲 as the one eligible enterprise (惠企政策匹配) and not 乙; a
// payment of 30 万元 recorded for 甲 from its row, listed under 资金兑现记录 with the sum; a payment
// to 乙 refused with the server's message on the enterprise field.
// Attachments (the files of the document), in a second signed-in page: a file with HTML bytes named
// evil.pdf refused with the server's message and nothing listed; a PDF staged from the create form,
// listed with its size and kind, saved with the policy, offered on the policy page as a download
// link whose answer is the PDF (content type, file name, bytes); removed in the edit form, after
// which the page shows no attachments and the link answers 404.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test policies.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import {
  byId, login, changePasswordIfForced, openFromMenu, tableRows, waitForText, clickAndWaitForApi, pickOption,
} from './lib/ui.mjs'

let server
let browser
let page
let admin
const stamp = Date.now() % 1000000
const CHAIN_ADMIN = { login: `e2e.chainadm${stamp}`, password: 'Chain-Admin-Passw0rd' }
const FIRM_A = `e2e吉安甲覆铜板有限公司${stamp}`
const FIRM_B = `e2e吉安乙电路有限公司${stamp}`
const CODE_A = creditCode('360802', String(stamp).padStart(9, '0'))
const CODE_B = creditCode('360802', String(stamp + 1).padStart(9, '0'))
const NUMBER = `吉府发〔2022〕${stamp}号`
const TITLE = `覆铜板产业链专项扶持政策${stamp}`
let chainId = 0
let laminateId = 0

before(async () => {
  server = await startServer()
  admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const bureau = await admin.post('/api/units', { name: `e2e吉安市工信局${stamp}`, kind: 'department', region_code: '3608', parent_id: null, code: null })
  await admin.post('/api/users', {
    login: CHAIN_ADMIN.login, name: '链办张敏', phone: null, unit_id: bureau.id,
    role_ids: [await admin.roleId('chain_admin')], scope: { kind: 'own_unit', unit_ids: [] }, password: CHAIN_ADMIN.password,
  })
  const chain = await admin.post('/api/chains', { name: `e2e电子信息${stamp}`, region_code: '3608' })
  chainId = chain.id
  const laminate = await admin.post(`/api/chains/${chainId}/segments`, { name: '覆铜板', stage: 'upstream' })
  laminateId = laminate.id
  const board = await admin.post(`/api/chains/${chainId}/segments`, { name: '印制电路板', stage: 'midstream' })
  const a = await admin.post('/api/enterprises', { credit_code: CODE_A, name: FIRM_A, region_code: '360802', local: true, size: 'medium' })
  const b = await admin.post('/api/enterprises', { credit_code: CODE_B, name: FIRM_B, region_code: '360802', local: true, size: 'medium' })
  await admin.put(`/api/enterprises/${a.id}/memberships/${laminate.id}`, { role: 'member' })
  await admin.put(`/api/enterprises/${b.id}/memberships/${board.id}`, { role: 'member' })
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The text box of an el-input, el-input-number or textarea by its data-testid (on the box or around it). */
function box(id, on = page) {
  const sel = byId(id)
  return on.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first()
}

test('a chain administrator creates a policy with a segment condition, finds it, sees the eligible firm and pays it', async () => {
  await withArtifacts(page, 'policies', async () => {
    await login(page, server.baseURL, CHAIN_ADMIN.login, CHAIN_ADMIN.password)
    CHAIN_ADMIN.password = await changePasswordIfForced(page, CHAIN_ADMIN.password, `${CHAIN_ADMIN.password}-2`)
    assert.match(await page.locator(byId('menu-policies')).innerText(), /政策库/)
    await openFromMenu(page, 'menu-policies', '/policies')

    // A special policy with one measure for the 覆铜板 segment.
    await page.locator(byId('policy-create')).click()
    await page.locator(byId('policy-dialog')).waitFor()
    await box('policy-doc-number').fill(NUMBER)
    await box('policy-title').fill(TITLE)
    await box('policy-issued-on').fill('2022-03-01')
    await box('policy-issued-on').press('Enter')
    await pickOption(page, 'policy-chains', `policy-chain-${chainId}`)
    await page.keyboard.press('Escape')
    await box('policy-text').fill('对覆铜板企业新购设备给予补助，鼓励企业技术改造。')
    await box('policy-measure-0-title').fill('设备补助')
    await box('policy-measure-0-content').fill('按设备投资额的10%给予补助')
    await pickOption(page, 'policy-measure-0-segments', `policy-segment-option-${laminateId}`)
    await page.keyboard.press('Escape')
    const saved = await clickAndWaitForApi(page, page.locator(byId('policy-save')), '/api/policies', 'POST')
    assert.equal(saved.status(), 201, await saved.text())
    const policy = await saved.json()
    assert.equal(policy.type, 'special')
    assert.deepEqual(policy.chain_ids, [chainId])
    assert.deepEqual(policy.measures[0].conditions.segments, [laminateId])
    const measureId = policy.measures[0].id
    await page.waitForURL((url) => url.pathname === `/policies/${policy.id}`)
    await waitForText(page.locator(byId('policy-detail-title')), TITLE)

    // The library finds it by a two-character word and by type.
    await openFromMenu(page, 'menu-policies', '/policies')
    await box('policies-q').fill('扶持')
    const found = await clickAndWaitForApi(page, page.locator(byId('policies-search')), '/api/policies')
    assert.equal(found.status(), 200)
    assert.equal((await found.json()).total, 1)
    await waitForText(tableRows(page, 'policies-table'), TITLE)
    assert.match(await tableRows(page, 'policies-table').first().innerText(), /专项政策/)
    await box('policies-q').fill('医药')
    const none = await clickAndWaitForApi(page, page.locator(byId('policies-search')), '/api/policies')
    assert.equal((await none.json()).total, 0)
    await box('policies-q').fill('扶持')
    await clickAndWaitForApi(page, page.locator(byId('policies-search')), '/api/policies')
    await page.locator(byId(`policy-row-${policy.id}`)).click()
    await page.waitForURL((url) => url.pathname === `/policies/${policy.id}`)

    // 惠企政策匹配: 甲 is eligible, 乙 is not.
    await waitForText(tableRows(page, `measure-${measureId}-enterprises`), FIRM_A)
    assert.equal(await tableRows(page, `measure-${measureId}-enterprises`).count(), 1)
    assert.equal(await tableRows(page, `measure-${measureId}-enterprises`, FIRM_B).count(), 0)
    assert.match(await page.locator(byId(`measure-${measureId}`)).innerText(), /覆铜板/)

    // A payment to 甲 from its row.
    const firmA = (await admin.get(`/api/enterprises?q=${encodeURIComponent(CODE_A)}`)).items[0]
    await page.locator(byId(`measure-${measureId}-grant-${firmA.id}`)).click()
    await page.locator(byId('grant-dialog')).waitFor()
    assert.equal(await box('grant-credit-code').inputValue(), CODE_A)
    await box('grant-amount').fill('30')
    await box('grant-paid-on').fill('2025-11-20')
    await box('grant-paid-on').press('Enter')
    const paid = await clickAndWaitForApi(page, page.locator(byId('grant-save')), '/api/policy-grants', 'POST')
    assert.equal(paid.status(), 201, await paid.text())
    assert.equal((await paid.json()).amount_yuan, 300000)
    await waitForText(tableRows(page, 'policy-grants'), FIRM_A)
    await waitForText(page.locator(byId('policy-grant-figures')), /共 1 笔，合计 30(\.00)? 万元/)

    // A payment to 乙, which the measure does not apply to, is refused on the enterprise.
    await page.locator(byId(`measure-${measureId}-grant`)).click()
    await page.locator(byId('grant-dialog')).waitFor()
    await box('grant-credit-code').fill(CODE_B)
    await box('grant-amount').fill('10')
    await box('grant-paid-on').fill('2025-11-20')
    await box('grant-paid-on').press('Enter')
    const refused = await clickAndWaitForApi(page, page.locator(byId('grant-save')), '/api/policy-grants', 'POST')
    assert.equal(refused.status(), 409)
    await waitForText(page.locator(`${byId('grant-dialog')} .el-form-item__error`), /does not apply|不符合|覆铜板|设备补助/)
    assert.equal((await admin.get(`/api/policy-grants?policy_id=${policy.id}`)).total, 1)
  })
})

const PDF = { name: '实施细则.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') }
const NOT_PDF = { name: 'evil.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') }

/** Answers of the given API call (pathname and method) while `action` runs. */
async function withApi(on, pathname, method, action) {
  const [res] = await Promise.all([
    on.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === method),
    action(),
  ])
  return res
}

test('a chain administrator attaches the policy document as a PDF, downloads it and removes it; HTML bytes are refused', async () => {
  const docs = await newPage(browser)
  await withArtifacts(docs, 'policies-attachments', async () => {
    await login(docs, server.baseURL, CHAIN_ADMIN.login, CHAIN_ADMIN.password)
    CHAIN_ADMIN.password = await changePasswordIfForced(docs, CHAIN_ADMIN.password, `${CHAIN_ADMIN.password}-2`)
    await openFromMenu(docs, 'menu-policies', '/policies')
    await docs.locator(byId('policy-create')).click()
    await docs.locator(byId('policy-dialog')).waitFor()
    await box('policy-doc-number', docs).fill(`吉府办发〔2023〕${stamp}号`)
    await box('policy-title', docs).fill(`覆铜板产业链实施细则${stamp}`)
    await box('policy-issued-on', docs).fill('2023-05-10')
    await box('policy-issued-on', docs).press('Enter')
    await box('policy-measure-0-title', docs).fill('研发奖励')
    const input = docs.locator(byId('policy-attachment-input'))
    const items = docs.locator(byId('policy-attachment-item'))
    const errors = docs.locator(byId('policy-attachment-error'))

    // HTML bytes named .pdf: the server's refusal on the file, shown under the attachments; nothing listed.
    const refused = await withApi(docs, '/api/attachments', 'POST', () => input.setInputFiles(NOT_PDF))
    assert.equal(refused.status(), 400, await refused.text())
    assert.equal(new URL(refused.url()).searchParams.get('kind'), 'document')
    const refusal = (await refused.json()).error
    assert.equal(refusal.code, 'invalid_argument')
    assert.equal(refusal.field, 'file')
    assert.ok(refusal.message)
    const shown = await waitForText(errors, 'evil.pdf')
    assert.ok(shown.includes(refusal.message), `"${shown}" should carry the server's message "${refusal.message}"`)
    assert.equal(await items.count(), 0)
    assert.equal(await docs.locator(byId('policy-attachment-uploading')).count(), 0)

    // The PDF: staged at once (not yet a policy's), listed with its size and kind; the old error goes.
    const staged = await withApi(docs, '/api/attachments', 'POST', () => input.setInputFiles(PDF))
    assert.equal(staged.status(), 201, await staged.text())
    const url = new URL(staged.url())
    assert.equal(url.searchParams.get('kind'), 'document')
    assert.equal(url.searchParams.get('name'), PDF.name)
    const attachment = await staged.json()
    assert.equal(attachment.name, PDF.name)
    assert.equal(attachment.media_type, 'application/pdf')
    assert.equal(attachment.byte_size, PDF.buffer.length)
    assert.equal(attachment.policy_id, null)
    assert.equal(attachment.url, `/api/attachments/${attachment.id}`)
    const listed = await waitForText(items, PDF.name)
    assert.match(listed, new RegExp(`${PDF.buffer.length} B`))
    assert.match(listed, /PDF/)
    assert.equal(await items.count(), 1)
    assert.equal(await errors.count(), 0)

    const saved = await withApi(docs, '/api/policies', 'POST', () => docs.locator(byId('policy-save')).click())
    assert.equal(saved.status(), 201, await saved.text())
    assert.deepEqual(saved.request().postDataJSON().attachment_ids, [attachment.id])
    const policy = await saved.json()
    assert.deepEqual(policy.attachments.map((a) => [a.id, a.policy_id, a.name]), [[attachment.id, policy.id, PDF.name]])
    await docs.waitForURL((u) => u.pathname === `/policies/${policy.id}`)

    // The policy page offers it as a download link; the link answers the PDF.
    const link = docs.locator(byId('policy-attachment-link'))
    await waitForText(link, PDF.name)
    assert.equal(await link.count(), 1)
    assert.match(await docs.locator(byId('policy-attachment')).innerText(), /PDF/)
    assert.equal(await docs.locator(byId('policy-attachments-empty')).count(), 0)
    const href = await link.getAttribute('href')
    assert.equal(href, attachment.url)
    const file = await docs.request.get(new URL(href, server.baseURL).href)
    assert.equal(file.status(), 200)
    assert.match(file.headers()['content-type'], /^application\/pdf\b/)
    assert.match(file.headers()['content-disposition'] ?? '',
      new RegExp(`^attachment;.*filename\\*=UTF-8''${encodeURIComponent(PDF.name).replace(/[.]/g, '\\.')}`, 'i'))
    const bytes = await file.body()
    assert.equal(bytes.subarray(0, 4).toString(), '%PDF')
    assert.ok(bytes.equals(PDF.buffer), 'the download is the uploaded file')

    // Removed in the edit form: the update names no attachments, the page shows none, the link is gone.
    await docs.locator(byId('policy-edit')).click()
    await docs.locator(byId('policy-dialog')).waitFor()
    await waitForText(items, PDF.name)
    assert.equal(await items.count(), 1)
    await items.first().locator(byId('policy-attachment-remove')).click()
    await items.first().waitFor({ state: 'detached' })
    assert.equal(await items.count(), 0)
    const updated = await withApi(docs, `/api/policies/${policy.id}`, 'PUT', () => docs.locator(byId('policy-save')).click())
    assert.equal(updated.status(), 200, await updated.text())
    assert.deepEqual(updated.request().postDataJSON().attachment_ids, [])
    assert.deepEqual((await updated.json()).attachments, [])
    await waitForText(docs.locator(byId('policy-attachments-empty')), '暂无附件')
    assert.equal(await link.count(), 0)
    assert.equal((await docs.request.get(new URL(href, server.baseURL).href)).status(), 404)
  })
  await docs.context().close()
})
