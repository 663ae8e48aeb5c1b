// The casework catalogue in a real browser against the real server, as a user with the built-in
// role case_supervisor (case:catalogue:write): a sub-category added under 02 城市管理 with its own
// limits and escalation ladder (a code whose parent does not exist is refused on the code field),
// a routing rule for it (and a registered case of that category is then proposed that unit), a
// new channel (offered by the channel pickers at once), and the working calendar: the built-in years, a 2027 schedule loaded from an .ics
// file (a malformed one refused) and its holidays listed. The dispatcher's menu has no catalogue.
// The categories' spreadsheets: a CSV with one bad row (a parent that does not exist) gets the
// row-by-row report and writes nothing all-or-nothing, skip-bad-rows writes the good rows; the
// catalogue exports as CSV holding them.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test cases-admin.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot, OUT_DIR } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, openFromMenu, pickOption, tableRows, waitForText, waitForToast, answerMessageBox, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
let api
const stamp = Date.now() % 1000000
const UNIT = { name: `e2e吉州区市场监督管理局${stamp}`, id: 0 }
const SUPERVISOR = { login: `e2e.super${stamp}`, password: 'Catalogue-keeper-Passw0rd' }
const DISPATCHER = { login: `e2e.intake${stamp}`, password: 'Intake-desk-Passw0rd' }
const CATEGORY = { code: '0208', name: `占道堆物${stamp}`, id: 0 }
const CHANNEL = { code: `e2e_wish_${stamp}`, name: `社区微心愿${stamp}` }

// A 2027 schedule in the shape of data/calendar/*.ics: 元旦 1–3 January off.
const ICS_2027 = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//lianzhang//e2e//ZH', 'CALSCALE:GREGORIAN',
  'BEGIN:VEVENT', 'UID:cn-20270101-holiday@e2e', 'DTSTAMP:20261101T000000', 'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104', 'SUMMARY:元旦(休)', 'DESCRIPTION:休', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n')

before(async () => {
  server = await startServer()
  api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  UNIT.id = (await api.post('/api/units', { name: UNIT.name, kind: 'department', region_code: '360802', parent_id: null, code: null })).id
  for (const [u, role] of [[SUPERVISOR, 'case_supervisor'], [DISPATCHER, 'case_dispatcher']]) {
    await api.post('/api/users', {
      login: u.login, name: u.login, phone: null, unit_id: UNIT.id, role_ids: [await api.roleId(role)],
      scope: { kind: 'all', unit_ids: [] }, password: u.password,
    })
  }
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The error text of the form item holding the control `id`. */
function fieldError(id) {
  return page.locator('.el-form-item', { has: page.locator(byId(id)) }).locator('.el-form-item__error')
}

test('a sub-category with its limits and ladder; a code without a parent is refused', async () => {
  await withArtifacts(page, 'cases-admin-categories', async () => {
    await login(page, server.baseURL, SUPERVISOR.login, SUPERVISOR.password)
    await openFromMenu(page, 'menu-case-categories', '/cases/categories')
    const top = tableRows(page, 'categories-table', '城市管理').first()
    await top.waitFor()
    assert.match(await page.locator(byId('category-ladder-02')).innerText(), /1 \/ 2 \/ 5 \/ 10/)

    // The parent's code and limits are filled in; a code whose parent does not exist is refused.
    await page.locator(byId('categories-add-child-02')).click()
    const dialog = page.locator(byId('category-dialog'))
    await dialog.waitFor()
    assert.equal(await page.locator(byId('category-form-code')).inputValue(), '02')
    await page.locator(byId('category-form-code')).fill('7701')
    await page.locator(byId('category-form-name')).fill(CATEGORY.name)
    await page.locator(byId('category-form-save')).click()
    await fieldError('category-form-code').filter({ hasText: /parent category 77/ }).waitFor()
    assert.ok(await dialog.isVisible())

    await page.locator(byId('category-form-code')).fill(CATEGORY.code)
    await page.locator(`${byId('category-form-handle-days')} input`).fill('7')
    await page.locator(`${byId('category-form-escalate_after_days')} input`).fill('8')
    await page.locator(byId('category-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    // Under 02 once expanded: 1 sign-for day, 7 to complete, the ladder ending at 8.
    await top.locator('.el-table__expand-icon').click()
    const row = tableRows(page, 'categories-table', CATEGORY.name).first()
    await row.waitFor()
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    assert.equal(cells[0], CATEGORY.code)
    assert.deepEqual(cells.slice(2, 5), ['1', '7', '10'])
    assert.equal(cells[5], '1 / 2 / 5 / 8')
    CATEGORY.id = (await api.get('/api/case-categories')).items.find((c) => c.code === CATEGORY.code).id
    assert.equal((await api.get('/api/case-categories')).items.find((c) => c.code === CATEGORY.code).handle_days, 7)
  }, server.output)
})

test('a routing rule for the new category; a case of it is proposed that unit', async () => {
  await withArtifacts(page, 'cases-admin-routes', async () => {
    await openFromMenu(page, 'menu-case-routes', '/cases/routes')
    await page.locator(byId('routes-create')).click()
    const dialog = page.locator(byId('route-dialog'))
    await dialog.waitFor()
    await page.locator(`.el-select${byId('route-form-category')}`).click()
    await page.locator(`.el-select${byId('route-form-category')} input`).fill(CATEGORY.name)
    await page.locator(`${byId(`category-option-${CATEGORY.code}`)}:visible`).click()
    await pickOption(page, 'route-form-region', 'region-option-360802', '吉州区')
    await pickOption(page, 'route-form-unit', `unit-option-${UNIT.id}`, '市场监督管理局')
    await page.locator(byId('route-form-save')).click()
    await waitForToast(page, '已创建')
    const row = tableRows(page, 'routes-table', CATEGORY.name).first()
    await row.waitFor()
    // The region's and the unit's names are looked up after the row appears; wait for them.
    const shown = new RegExp(`${CATEGORY.code} ${CATEGORY.name}[\\s\\S]*吉州区[\\s\\S]*360802[\\s\\S]*${UNIT.name}`)
    assert.match(await waitForText(row, shown), shown)

    // A case of the category in 吉州区, opened by the dispatcher: the dispatch form proposes the unit.
    const desk = await apiLogin(server.baseURL, DISPATCHER.login, DISPATCHER.password)
    const c = await desk.post('/api/cases', { channel: 'hotline', category_code: CATEGORY.code, region_code: '360802', text: '人行道上堆满建材' })
    const other = await newPage(browser)
    await login(other, server.baseURL, DISPATCHER.login, DISPATCHER.password)
    // No catalogue pages for the dispatcher.
    for (const id of ['menu-case-categories', 'menu-case-routes', 'menu-case-channels', 'menu-case-calendar']) {
      assert.equal(await other.locator(byId(id)).count(), 0, id)
    }
    await other.goto(`${server.baseURL}/cases/${c.id}`)
    await other.locator(byId('case-action-dispatch')).click()
    await other.locator(byId('action-proposed-unit')).filter({ hasText: UNIT.name }).waitFor()
    await other.context().close()
  }, server.output)
})

test('a new channel is listed and offered in the channel pickers', async () => {
  await withArtifacts(page, 'cases-admin-channels', async () => {
    await openFromMenu(page, 'menu-case-channels', '/cases/channels')
    await tableRows(page, 'channels-table', '12345热线').first().waitFor()
    await page.locator(byId('channels-create')).click()
    await page.locator(byId('channel-dialog')).waitFor()
    await page.locator(byId('channel-form-code')).fill(CHANNEL.code)
    await page.locator(byId('channel-form-name')).fill(CHANNEL.name)
    await page.locator(byId('channel-form-callback')).click() // no callback: the reply closes the case
    await page.locator(byId('channel-form-save')).click()
    await waitForToast(page, '已创建')
    const row = tableRows(page, 'channels-table', CHANNEL.name).first()
    await row.waitFor()
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    assert.deepEqual(cells.slice(0, 5), [CHANNEL.code, CHANNEL.name, '否', '否', '启用'])
    const saved = (await api.get('/api/case-channels')).items.find((c) => c.code === CHANNEL.code)
    assert.deepEqual({ callback: saved.callback, on_the_spot: saved.on_the_spot, active: saved.active },
      { callback: false, on_the_spot: false, active: true })

    // The channel pickers offer it at once (the case list's filter here; the supervisor registers no cases).
    await openFromMenu(page, 'menu-cases', '/cases')
    assert.equal(await page.locator(byId('cases-register')).count(), 0)
    await page.locator(byId('cases-search-channel')).click()
    assert.equal((await page.locator(`${byId(`channel-option-${CHANNEL.code}`)}:visible`).innerText()).trim(), CHANNEL.name)
    await page.keyboard.press('Escape')
  }, server.output)
})

test('the working calendar: built-in years, a 2027 file loaded, its holiday listed', async () => {
  await withArtifacts(page, 'cases-admin-calendar', async () => {
    await openFromMenu(page, 'menu-case-calendar', '/cases/calendar')
    const years = page.locator(byId('calendar-years'))
    await years.waitFor()
    const range = /(\d{4})–(\d{4}) 年/.exec(await years.innerText())
    assert.ok(range, await years.innerText())
    assert.equal(range[2], '2026')
    // This year's holidays: 国庆节 in October.
    await tableRows(page, 'calendar-days', '国庆').first().waitFor()

    fs.mkdirSync(OUT_DIR, { recursive: true })
    const bad = path.join(OUT_DIR, 'cn-2027-bad.ics')
    const good = path.join(OUT_DIR, 'cn-2027.ics')
    fs.writeFileSync(bad, 'not a calendar')
    fs.writeFileSync(good, ICS_2027)

    await page.locator(byId('calendar-upload')).click()
    const dialog = page.locator(byId('calendar-dialog'))
    await dialog.waitFor()
    await dialog.locator('input[type="file"]').setInputFiles(bad)
    assert.equal(await page.locator(`${byId('calendar-form-year')} input`).inputValue(), '2027')
    const [refused] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/calendar/years/2027'),
      page.locator(byId('calendar-form-save')).click(),
    ])
    assert.equal(refused.status(), 400)
    assert.ok(await dialog.isVisible(), 'the dialog stays open')

    await dialog.locator('input[type="file"]').setInputFiles(good)
    await page.locator(byId('calendar-form-file-name')).filter({ hasText: 'cn-2027.ics' }).waitFor()
    await page.locator(byId('calendar-form-save')).click()
    await waitForToast(page, '2027 年日历已载入')
    await dialog.waitFor({ state: 'hidden' })
    assert.match(await years.innerText(), /–2027 年/)
    const file = tableRows(page, 'calendar-files', 'cn-2027.ics').first()
    assert.match(await file.innerText(), new RegExp(`2027[\\s\\S]*cn-2027.ics[\\s\\S]*${SUPERVISOR.login}`))
    // The page shows 2027 now: 1–3 January off.
    assert.equal(await page.locator(`${byId('calendar-year')} input`).inputValue(), '2027')
    const jan1 = tableRows(page, 'calendar-days', '2027-01-01').first()
    await jan1.waitFor()
    assert.match(await jan1.innerText(), /星期五[\s\S]*节假日[\s\S]*元旦/)
    assert.equal(await tableRows(page, 'calendar-days').count(), 3)
    await screenshot(page, 'case-calendar')
  }, server.output)
})

test('deleting the category is refused while a case uses it', async () => {
  await withArtifacts(page, 'cases-admin-delete', async () => {
    await openFromMenu(page, 'menu-case-categories', '/cases/categories')
    await tableRows(page, 'categories-table', '城市管理').first().locator('.el-table__expand-icon').click()
    await page.locator(byId(`categories-delete-${CATEGORY.code}`)).click()
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/case-categories/${CATEGORY.id}` && r.request().method() === 'DELETE'),
      answerMessageBox(page, '删除'),
    ])
    assert.equal(res.status(), 409)
    await page.locator('.el-message--error').first().waitFor()
    assert.equal((await api.get('/api/case-categories')).items.filter((c) => c.code === CATEGORY.code).length, 1)
  }, server.output)
})

/** A top-level category and its child imported from a sheet; the bad row's parent 96 does not exist. */
const SHEET = { top: { code: '95', name: `社区治理${stamp}` }, child: { code: '9501', name: `楼栋议事${stamp}` } }

test('categories import from a CSV: a bad row is reported, skip-bad-rows writes the others', async () => {
  await withArtifacts(page, 'cases-admin-categories-import', async () => {
    await openFromMenu(page, 'menu-case-categories', '/cases/categories')
    await tableRows(page, 'categories-table', '城市管理').first().waitFor()
    await page.locator(byId('categories-import')).click()
    const dialog = page.locator(byId('categories-import-dialog'))
    await dialog.waitFor()
    // The template's header row; the child comes before its parent, the bad row's parent is nowhere.
    const header = '分类编码,分类名称,签收时限（工作日）,办理时限（工作日）,最多延期（工作日）,到期前预警（工作日）,'
      + '超期后督办（工作日）,超期后通报（工作日）,超期后提级（工作日）,是否启用,排序'
    const csv = `\ufeff${header}\r\n`
      + `${SHEET.child.code},${SHEET.child.name},1,6,5,1,2,4,8,是,1\r\n`
      + `9601,无上级分类${stamp},1,6,5,1,2,4,8,是,1\r\n`
      + `${SHEET.top.code},${SHEET.top.name},1,10,10,1,2,5,10,是,95\r\n`
    await dialog.locator('input[type=file]').setInputFiles({ name: 'categories.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await clickAndWaitForApi(page, page.locator(byId('categories-import-dialog-start')), '/api/case-categories/import', 'POST')
    const report = page.locator(byId('categories-import-dialog-report'))
    await report.waitFor()
    assert.match(await report.innerText(), /共 3 行数据，存在错误，未导入任何数据/)
    const errors = tableRows(page, 'categories-import-dialog-errors')
    assert.equal(await errors.count(), 1)
    const errText = await errors.first().innerText()
    assert.match(errText, /^\s*3\b/)
    assert.match(errText, /\bA · 分类编码/, 'the column letter and the header')
    assert.match(errText, /上级分类 96 不存在/)
    const codes = async () => (await api.get('/api/case-categories')).items.map((c) => c.code)
    assert.ok(!(await codes()).includes(SHEET.top.code), 'nothing was written')

    await dialog.getByText('跳过错误行', { exact: false }).click()
    await clickAndWaitForApi(page, page.locator(byId('categories-import-dialog-start')), '/api/case-categories/import', 'POST')
    await page.waitForFunction((sel) => /已导入 2 行/.test(document.querySelector(sel)?.textContent ?? ''),
      byId('categories-import-dialog-report'))
    assert.equal(await tableRows(page, 'categories-import-dialog-errors').count(), 1)
    await page.locator(byId('categories-import-dialog-close')).click()
    await dialog.waitFor({ state: 'hidden' })

    // The list reloaded: the new branch with its limits and ladder.
    const top = tableRows(page, 'categories-table', SHEET.top.name).first()
    await top.waitFor()
    await top.locator('.el-table__expand-icon').click()
    const row = tableRows(page, 'categories-table', SHEET.child.name).first()
    await row.waitFor()
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    assert.equal(cells[0], SHEET.child.code)
    assert.deepEqual(cells.slice(2, 5), ['1', '6', '5'])
    assert.equal(cells[5], '1 / 2 / 4 / 8')
    const all = (await api.get('/api/case-categories')).items
    const top95 = all.find((c) => c.code === SHEET.top.code)
    assert.equal(all.find((c) => c.code === SHEET.child.code).parent_id, top95.id)
    assert.ok(!all.some((c) => c.code === '9601'))
  }, server.output)
})

test('the category catalogue exports as CSV', async () => {
  await withArtifacts(page, 'cases-admin-categories-export', async () => {
    await openFromMenu(page, 'menu-case-categories', '/cases/categories')
    await tableRows(page, 'categories-table', '城市管理').first().waitFor()
    await page.locator(byId('categories-export')).click()
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('categories-export-csv')}:visible`).click(),
    ])
    assert.match(csv.suggestedFilename(), /\.csv$/)
    const lines = fs.readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/)
    assert.match(lines[0], /^分类编码,分类名称,签收时限（工作日）/)
    const total = (await api.get('/api/case-categories')).items.length
    assert.equal(lines.length, total + 1, 'the header and every category')
    assert.ok(lines.includes(`${SHEET.child.code},${SHEET.child.name},1,6,5,1,2,4,8,是,1`), lines.join('\n'))
    await waitForToast(page, '已导出')
  }, server.output)
})
