// API keys of Open311 GeoReport v2 clients in a real browser against the real server. Arranged
// through the API: a unit. Through the UI, as admin: the API keys page (系统管理 → API 密钥) explains
// what the keys are for; issuing a key without a name or unit is refused on the fields; issuing one
// for the unit shows the key once (lz_ and 40 hex digits) with a warning and a copy button, and once
// that dialog is closed the key is nowhere on the page, the list shows the key as active with its
// first 10 characters as prefix. A civic app (Node's fetch) files a complaint with the key at
// /open311/v2/requests.json: 200 and a service_request_id. The admin revokes the key (confirmed):
// the row shows it revoked, and the same request is now refused with 403 in the GeoReport error
// format ([{code, description}]).
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test api-keys.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, pickOption, openFromMenu, tableRows, waitForToast, answerMessageBox, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let admin // page of the admin's browser context
const stamp = Date.now() % 1000000
const UNIT = { name: `e2e吉州区城市管理局${stamp}`, id: 0 }
const KEY = { name: `e2e吉安随手拍${stamp}`, id: 0, key: '' }
const KEY_PATTERN = /^lz_[0-9a-f]{40}$/

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  UNIT.id = (await api.post('/api/units', { name: UNIT.name, kind: 'department', region_code: '360802', parent_id: null, code: null })).id
  browser = await launchBrowser()
  admin = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** Files a complaint as an Open311 client would: a form-encoded POST with the API key. */
async function fileComplaint(apiKey) {
  const body = new URLSearchParams({
    api_key: apiKey, service_code: '0203', lat: '27.11', long: '114.97', description: '小区门口垃圾三天未清运',
  })
  const res = await fetch(`${server.baseURL}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
  })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

test('admin issues a key for a unit: shown once, then listed as active by its prefix', async () => {
  await withArtifacts(admin, 'api-keys-issue', async () => {
    await login(admin, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    assert.match(await admin.locator(byId('menu-api-keys')).innerText(), /API 密钥/)
    await openFromMenu(admin, 'menu-api-keys', '/system/api-keys')
    const intro = await admin.locator(byId('api-keys-intro')).innerText()
    assert.match(intro, /Open311 GeoReport v2/)
    assert.match(intro, /\/open311\/v2\//)
    assert.equal(await tableRows(admin, 'api-keys-table', KEY.name).count(), 0)

    await admin.locator(byId('api-keys-create')).click()
    const dialog = admin.locator(byId('api-key-dialog'))
    await dialog.waitFor()
    // Name and unit are required (checked in the browser, nothing is sent).
    await admin.locator(byId('api-key-form-save')).click()
    await dialog.locator('.el-form-item__error', { hasText: '请填写名称' }).waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '请选择所属单位' }).waitFor()

    await admin.locator(byId('api-key-form-name')).fill(KEY.name)
    await pickOption(admin, 'api-key-form-unit', `unit-option-${UNIT.id}`, UNIT.name)
    const res = await clickAndWaitForApi(admin, admin.locator(byId('api-key-form-save')), '/api/api-keys', 'POST')
    assert.equal(res.status(), 201)
    await dialog.waitFor({ state: 'hidden' })

    // The key, once, with a warning that it will not be shown again.
    const issued = admin.locator(byId('api-key-issued-dialog'))
    await issued.waitFor()
    KEY.key = (await admin.locator(byId('api-key-issued-key')).innerText()).trim()
    assert.match(KEY.key, KEY_PATTERN)
    assert.match(await admin.locator(byId('api-key-issued-warning')).innerText(), /只显示这一次/)
    assert.match(await issued.innerText(), new RegExp(UNIT.name))
    await admin.locator(byId('api-key-issued-copy')).click()
    await waitForToast(admin, /已复制到剪贴板|复制失败/)
    await admin.locator(byId('api-key-issued-close')).click()
    await issued.waitFor({ state: 'hidden' })
    await admin.waitForFunction((k) => !document.body.innerHTML.includes(k), KEY.key)

    const row = tableRows(admin, 'api-keys-table', KEY.name)
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    const revokeId = await row.first().locator('[data-testid^="api-keys-revoke-"]').getAttribute('data-testid')
    KEY.id = Number(revokeId.replace('api-keys-revoke-', ''))
    assert.ok(KEY.id > 0)
    assert.equal((await admin.locator(byId(`api-keys-prefix-${KEY.id}`)).innerText()).trim(), KEY.key.slice(0, 10))
    assert.equal((await admin.locator(byId(`api-keys-status-${KEY.id}`)).innerText()).trim(), '有效')
    const text = await row.first().innerText()
    assert.match(text, new RegExp(UNIT.name))
    assert.match(text, /从未使用/)
    assert.ok(!text.includes(KEY.key), 'the list shows only the prefix')
  }, server.output)
})

test('an Open311 client files a complaint with the key', async () => {
  assert.match(KEY.key, KEY_PATTERN, 'a key was issued')
  const { status, json, text } = await fileComplaint(KEY.key)
  assert.equal(status, 200, text)
  assert.ok(Array.isArray(json), `a JSON array: ${text}`)
  assert.ok(json.length >= 1, text)
  assert.ok(json[0].service_request_id, `a service_request_id: ${text}`)
})

test('admin revokes the key: listed as revoked, and the client is refused with 403', async () => {
  await withArtifacts(admin, 'api-keys-revoke', async () => {
    assert.ok(KEY.id > 0, 'a key was issued')
    await admin.reload()
    await tableRows(admin, 'api-keys-table', KEY.name).first().waitFor()
    await admin.locator(byId(`api-keys-revoke-${KEY.id}`)).click()
    const box = admin.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(KEY.name))
    assert.ok((await box.innerText()).includes(KEY.key.slice(0, 10)))
    const [res] = await Promise.all([
      admin.waitForResponse((r) => new URL(r.url()).pathname === `/api/api-keys/${KEY.id}/revoke`
        && r.request().method() === 'POST'),
      answerMessageBox(admin, '确定'),
    ])
    assert.equal(res.status(), 200)
    await waitForToast(admin, '密钥已吊销')

    const status = admin.locator(byId(`api-keys-status-${KEY.id}`))
    await status.filter({ hasText: '已吊销' }).waitFor()
    assert.equal(await admin.locator(byId(`api-keys-revoke-${KEY.id}`)).count(), 0, 'no revoke action on a revoked key')
    const row = tableRows(admin, 'api-keys-table', KEY.name).first()
    assert.match((await row.getAttribute('class')) ?? '', /revoked-row/)
    assert.match(await row.innerText(), /吊销于/)

    const refused = await fileComplaint(KEY.key)
    assert.equal(refused.status, 403, refused.text)
    assert.ok(Array.isArray(refused.json), `a JSON array: ${refused.text}`)
    assert.equal(refused.json[0].code, 403, refused.text)
    assert.equal(typeof refused.json[0].description, 'string')
    assert.ok(refused.json[0].description.length > 0, refused.text)
  }, server.output)
})
