// Enterprise registry and profile in a real browser against the real server.
// Registry: a credit code with a wrong check character is refused with the server's reason shown
// on the credit-code field; the right code saves, the firm is listed (revenue in 万元), and a firm
// whose name differs only by 有限公司 / 有限责任公司 is flagged as a likely duplicate.
// Profile: arranged through the API (an outside supplier → the firm → a local buyer → its local
// buyer, and a chain segment); the profile lists the segment, the supplier and the buyer with their
// volumes; a buyer added through the dialog is listed; the exposure panel finds the downstream
// firms by hop, fewer with fewer hops, and the outside supplier upstream only when outside firms
// are listed too.
// Import / export: a CSV with a mistyped credit code is refused row by row (its column letter and
// header shown) and nothing is written (all or nothing); with skip-bad-rows the good row is
// imported; a file of several thousand generated rows is imported as a background job whose
// progress bar shows the step and "rows done / total" before the report; the filtered list
// downloads as CSV (holding the firm) and as xlsx.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test enterprises.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode, mistyped } from './lib/credit-code.mjs'
import { byId, login, openFromMenu, pickOption, tableRows, waitForToast, clickAndWaitForApi } from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
let serial = stamp * 100
const NEW = { name: `吉安测试电子有限责任公司${stamp}`, code: creditCode('360802', ++serial) }
const DUP = { name: `吉安测试电子有限公司${stamp}`, code: creditCode('360802', ++serial), id: 0 }
const FIRMS = {
  supplier: { name: `深圳测试元件有限公司${stamp}`, region: '440305', local: false },
  subject: { name: `吉安测试光电有限公司${stamp}`, region: '360802', local: true },
  buyer: { name: `吉安测试模组有限公司${stamp}`, region: '360803', local: true },
  buyer2: { name: `吉安测试终端有限公司${stamp}`, region: '360802', local: true },
  buyer3: { name: `吉安测试照明有限公司${stamp}`, region: '360803', local: true },
}
const CHAIN = { name: `光电测试链${stamp}`, id: 0, segment: 0 }

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  DUP.id = (await api.post('/api/enterprises', {
    credit_code: DUP.code, name: DUP.name, region_code: '360802', local: true, size: 'small',
  })).id
  for (const f of Object.values(FIRMS)) {
    Object.assign(f, await api.post('/api/enterprises', {
      credit_code: creditCode(f.region, ++serial), name: f.name, region_code: f.region, local: f.local,
      size: 'medium', revenue: 50_000_000, employees: 120,
    }))
  }
  await api.post('/api/supply-links', { supplier_id: FIRMS.supplier.id, buyer_id: FIRMS.subject.id, volume: 500_000, note: 'LED 芯片' })
  await api.post('/api/supply-links', { supplier_id: FIRMS.subject.id, buyer_id: FIRMS.buyer.id, volume: 2_000_000 })
  await api.post('/api/supply-links', { supplier_id: FIRMS.buyer.id, buyer_id: FIRMS.buyer2.id, volume: 1_000_000 })
  CHAIN.id = (await api.post('/api/chains', { name: CHAIN.name, region_code: '3608' })).id
  CHAIN.segment = (await api.post(`/api/chains/${CHAIN.id}/segments`, { name: 'Mini LED封装', stage: 'midstream' })).id
  await api.put(`/api/enterprises/${FIRMS.subject.id}/memberships/${CHAIN.segment}`, { role: 'key' })

  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The input of an el-input-number (the data-testid may sit on the input or on its wrapper). */
function numberInput(id) {
  return page.locator(`input${byId(id)}, ${byId(id)} input`).first()
}

/** The error text of the form item holding the control `id`. */
function fieldError(id) {
  return page.locator('.el-form-item', { has: page.locator(byId(id)) }).locator('.el-form-item__error')
}

test('a wrong credit code is refused with the reason on the field; the right one saves', async () => {
  await withArtifacts(page, 'enterprises-create', async () => {
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(page, 'menu-enterprises', '/enterprises')
    await tableRows(page, 'enterprises-table', DUP.name).first().waitFor()

    await page.locator(byId('enterprises-create')).click()
    const dialog = page.locator(byId('enterprise-dialog'))
    await dialog.waitFor()
    await page.locator(byId('enterprise-form-credit-code')).fill(mistyped(NEW.code))
    await page.locator(byId('enterprise-form-name')).fill(NEW.name)
    await pickOption(page, 'enterprise-form-region', 'region-option-360802', '吉州区')
    await page.locator(byId('enterprise-form-size')).getByText('中型', { exact: true }).click()
    await numberInput('enterprise-form-revenue').fill('1234.5')
    await numberInput('enterprise-form-employees').fill('88')
    await page.locator(`${byId('enterprise-form-founded')} input`).fill('2019-05-20')
    await page.keyboard.press('Enter')
    await clickAndWaitForApi(page, page.locator(byId('enterprise-form-save')), '/api/enterprises', 'POST')
    const err = fieldError('enterprise-form-credit-code')
    await err.waitFor()
    assert.match(await err.innerText(), new RegExp(`check character \\(18th\\) should be '${NEW.code[17]}'`))
    assert.ok(await dialog.isVisible(), 'the dialog stays open')

    await page.locator(byId('enterprise-form-credit-code')).fill(NEW.code.toLowerCase())
    await page.locator(byId('enterprise-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    // 有限责任公司 vs 有限公司: flagged as a likely duplicate.
    const similar = page.locator(byId('enterprise-similar'))
    await similar.waitFor()
    assert.match(await similar.innerText(), /可能重复/)
    const dupRow = tableRows(page, 'enterprise-similar-table', DUP.name)
    assert.equal(await dupRow.count(), 1)
    assert.match(await dupRow.innerText(), new RegExp(DUP.code))
    await page.locator(byId('enterprise-similar-close')).click()
    await similar.waitFor({ state: 'hidden' })

    await page.locator(byId('enterprises-search-q')).fill(NEW.code)
    await clickAndWaitForApi(page, page.locator(byId('enterprises-search-btn')), '/api/enterprises')
    const rows = tableRows(page, 'enterprises-table')
    await tableRows(page, 'enterprises-table', NEW.name).first().waitFor()
    // The unfiltered list holds the firm too: wait for the search's answer to replace it.
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1,
      `${byId('enterprises-table')} .el-table__body-wrapper tr.el-table__row`)
    assert.equal(await rows.count(), 1)
    const text = await rows.first().innerText()
    for (const part of [NEW.code, NEW.name, '吉州区', '本地', '中型', '1,234.5', '88', '2019-05-20']) {
      assert.ok(text.includes(part), `row shows ${part}: ${text}`)
    }
  }, server.output)
})

test('the profile shows the segment, the supplier and the buyer; a buyer is added', async () => {
  await withArtifacts(page, 'enterprises-profile', async () => {
    await page.locator(byId('enterprises-search-q')).fill(FIRMS.subject.name)
    await clickAndWaitForApi(page, page.locator(byId('enterprises-search-btn')), '/api/enterprises')
    await page.locator(byId(`enterprises-open-${FIRMS.subject.id}`)).click()
    await page.waitForURL((url) => url.pathname === `/enterprises/${FIRMS.subject.id}`)
    assert.equal((await page.locator(byId('enterprise-title')).innerText()).trim(), FIRMS.subject.name)
    assert.match(await page.locator(byId('enterprise-basic')).innerText(), new RegExp(FIRMS.subject.credit_code))

    const membership = tableRows(page, 'enterprise-memberships', 'Mini LED封装')
    await membership.first().waitFor()
    await page.waitForFunction(([sel, name]) => (document.querySelector(sel)?.textContent ?? '').includes(name),
      [byId('enterprise-memberships'), CHAIN.name])
    assert.match(await membership.first().innerText(), /重点企业/)

    const supplier = tableRows(page, 'enterprise-suppliers', FIRMS.supplier.name)
    assert.equal(await supplier.count(), 1)
    assert.match(await supplier.innerText(), /\b50\b[\s\S]*LED 芯片/)
    const buyer = tableRows(page, 'enterprise-buyers', FIRMS.buyer.name)
    assert.equal(await buyer.count(), 1)
    assert.match(await buyer.innerText(), /\b200\b/)

    // A new buyer, chosen by searching its name.
    await page.locator(byId('enterprise-add-buyer')).click()
    const dialog = page.locator(byId('supply-link-dialog'))
    await dialog.waitFor()
    await pickOption(page, 'link-form-other', `enterprise-option-${FIRMS.buyer3.id}`, FIRMS.buyer3.name)
    await numberInput('link-form-volume').fill('88')
    await page.locator(byId('link-form-note')).fill('照明灯珠')
    await page.locator(byId('link-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })
    const added = tableRows(page, 'enterprise-buyers', FIRMS.buyer3.name)
    await added.first().waitFor()
    assert.match(await added.first().innerText(), /\b88\b[\s\S]*照明灯珠/)
    assert.equal(await tableRows(page, 'enterprise-buyers').count(), 2)
  }, server.output)
})

/** Runs the exposure analysis until the summary says `expected` (the graph follows commits). */
async function analyseUntil(expected) {
  const summary = page.locator(byId('exposure-summary'))
  for (let i = 0; i < 10; i++) {
    await clickAndWaitForApi(page, page.locator(byId('exposure-analyse')), `/api/enterprises/${FIRMS.subject.id}/exposure`)
    await summary.waitFor()
    if (expected.test(await summary.innerText())) return
    await page.waitForTimeout(300)
  }
  assert.match(await summary.innerText(), expected)
}

test('the exposure panel finds the downstream firms by hop, and the supplier upstream', async () => {
  await withArtifacts(page, 'enterprises-exposure', async () => {
    // Downstream, 3 hops, local firms: the two buyers at hop 1 and the buyer's buyer at hop 2.
    await analyseUntil(/3 层内共关联 3 家企业，其中本地 3 家/)
    assert.match(await page.locator(byId('exposure-hop-1')).innerText(), /第 1 层\s*2 家/)
    assert.match(await page.locator(byId('exposure-hop-2')).innerText(), /第 2 层\s*1 家/)
    const rows = tableRows(page, 'exposure-table')
    assert.equal(await rows.count(), 3)
    assert.match(await tableRows(page, 'exposure-table', FIRMS.buyer2.name).innerText(), /^\s*2\b/)
    assert.match(await tableRows(page, 'exposure-table', FIRMS.buyer.name).innerText(), /^\s*1\b/)
    await screenshot(page, 'enterprise-profile')

    // One hop: the buyer's buyer is out of reach.
    await numberInput('exposure-hops').fill('1')
    await analyseUntil(/1 层内共关联 2 家企业，其中本地 2 家/)
    assert.equal(await tableRows(page, 'exposure-table', FIRMS.buyer2.name).count(), 0)
    assert.equal(await page.locator(byId('exposure-hop-2')).count(), 0)

    // Upstream: the outside supplier, listed only when outside firms are included.
    await page.locator(byId('exposure-direction')).getByText('上游', { exact: false }).click()
    await analyseUntil(/1 层内共关联 1 家企业，其中本地 0 家/)
    assert.equal(await tableRows(page, 'exposure-table').count(), 0)
    await page.locator(byId('exposure-local-only')).click()
    await analyseUntil(/1 层内共关联 1 家企业/)
    await tableRows(page, 'exposure-table', FIRMS.supplier.name).first().waitFor()
    assert.match(await tableRows(page, 'exposure-table', FIRMS.supplier.name).innerText(), /外地/)
  }, server.output)
})

test('an import with a bad row writes nothing; skip-bad-rows imports the good row', async () => {
  await withArtifacts(page, 'enterprises-import', async () => {
    await openFromMenu(page, 'menu-enterprises', '/enterprises')
    await page.locator(byId('enterprises-import')).click()
    const dialog = page.locator(byId('enterprises-import-dialog'))
    await dialog.waitFor()
    const good = { name: `吉安导入测试有限公司${stamp}`, code: creditCode('360802', ++serial) }
    const bad = { name: `吉安导入错误有限公司${stamp}`, code: mistyped(creditCode('360802', ++serial)) }
    // The template's own header row, then one good and one bad row.
    const header = '统一社会信用代码,企业名称,注册地行政区划代码,是否本地企业,企业规模,上年营业收入（元）,从业人数,成立日期'
    const csv = `\ufeff${header}\r\n${good.code},${good.name},360802,是,小型,1000000,12,2021-01-01\r\n`
      + `${bad.code},${bad.name},360802,是,小型,1000000,12,2021-01-01\r\n`
    await dialog.locator('input[type=file]').setInputFiles({ name: 'firms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await clickAndWaitForApi(page, page.locator(byId('enterprises-import-dialog-start')), '/api/enterprises/import', 'POST')
    const report = page.locator(byId('enterprises-import-dialog-report'))
    await report.waitFor()
    assert.match(await report.innerText(), /共 2 行数据，存在错误，未导入任何数据/)
    const errors = tableRows(page, 'enterprises-import-dialog-errors')
    assert.equal(await errors.count(), 1)
    const errText = await errors.first().innerText()
    assert.match(errText, /^\s*3\b/)
    assert.match(errText, /\bA · 统一社会信用代码/, 'the column letter and the header')
    assert.match(errText, /check character/)
    assert.equal((await (await fetchList(good.code)).total), 0, 'nothing was written')

    await dialog.getByText('跳过错误行', { exact: false }).click()
    await clickAndWaitForApi(page, page.locator(byId('enterprises-import-dialog-start')), '/api/enterprises/import', 'POST')
    await page.waitForFunction((sel) => /已导入 1 行/.test(document.querySelector(sel)?.textContent ?? ''),
      byId('enterprises-import-dialog-report'))
    assert.equal(await tableRows(page, 'enterprises-import-dialog-errors').count(), 1)
    await page.locator(byId('enterprises-import-dialog-close')).click()
    await dialog.waitFor({ state: 'hidden' })

    await page.locator(byId('enterprises-search-q')).fill(good.name)
    await clickAndWaitForApi(page, page.locator(byId('enterprises-search-btn')), '/api/enterprises')
    await tableRows(page, 'enterprises-table', good.name).first().waitFor()
    assert.match(await tableRows(page, 'enterprises-table', good.name).innerText(), /100/)
  }, server.output)
})

/** The template's header row. */
const HEADER = '统一社会信用代码,企业名称,注册地行政区划代码,是否本地企业,企业规模,上年营业收入（元）,从业人数,成立日期'
/** Rows in the large import: enough that the job is still running when the dialog polls it. */
const BULK_ROWS = 20000

test('a large file shows the steps and the rows counted while it imports, then the report', async () => {
  await withArtifacts(page, 'enterprises-import-progress', async () => {
    await openFromMenu(page, 'menu-enterprises', '/enterprises')
    await page.locator(byId('enterprises-import')).click()
    const dialog = page.locator(byId('enterprises-import-dialog'))
    await dialog.waitFor()
    const lines = [`\ufeff${HEADER}`]
    for (let i = 0; i < BULK_ROWS; i++) {
      lines.push(`${creditCode('360803', ++serial)},吉安批量导入企业${stamp}号${i}有限公司,360803,是,小型,${1000 * i},${i % 500},2020-01-01`)
    }
    const csv = lines.join('\r\n') + '\r\n'
    await dialog.locator('input[type=file]').setInputFiles({ name: 'bulk.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await dialog.getByText('跳过错误行', { exact: false }).click()

    const progressSel = byId('enterprises-import-dialog-progress')
    const reportSel = byId('enterprises-import-dialog-report')
    // Watches every frame, from before the click, for the bar showing rows counted, and records
    // what the dialog showed at that moment.
    const seen = page.waitForFunction(([p, r]) => {
      const el = document.querySelector(p)
      const m = /([\d,]+) \/ ([\d,]+) 行/.exec(el?.textContent ?? '')
      if (!m) return null
      const bar = el.querySelector('.el-progress-bar__inner')
      return {
        text: el.textContent.trim(),
        phase: el.getAttribute('data-phase'),
        done: Number(m[1].replaceAll(',', '')),
        total: Number(m[2].replaceAll(',', '')),
        width: bar?.style.width ?? '',
        indeterminate: !!el.querySelector('.el-progress-bar__inner--indeterminate'),
        reportShown: !!document.querySelector(r),
      }
    }, [progressSel, reportSel], { polling: 'raf', timeout: 60000 })
    seen.catch(() => {}) // awaited below; this only keeps an early failure from going unhandled
    await clickAndWaitForApi(page, page.locator(byId('enterprises-import-dialog-start')), '/api/enterprises/import', 'POST')
    const shown = await (await seen).jsonValue()
    await screenshot(page, 'enterprise-import-progress')

    assert.match(shown.text, /第 [23] 步，共 3 步：正在(检查数据|写入)/, shown.text)
    assert.ok(['checking', 'writing'].includes(shown.phase), shown.phase)
    assert.equal(shown.total, BULK_ROWS, `every row is counted: ${shown.text}`)
    assert.ok(shown.done >= 0 && shown.done <= shown.total, shown.text)
    assert.equal(shown.indeterminate, false, 'a determinate bar once the rows are counted')
    assert.equal(shown.width, `${Math.floor((shown.done / shown.total) * 100)}%`, 'the bar shows done / total')
    assert.equal(shown.reportShown, false, 'the progress comes before the report')

    const report = page.locator(reportSel)
    await report.waitFor({ timeout: 120000 })
    assert.match(await report.innerText(), new RegExp(`共 ${BULK_ROWS} 行数据，已导入 ${BULK_ROWS} 行`))
    assert.equal(await page.locator(progressSel).count(), 0, 'the bar is gone once the report is shown')
    assert.equal((await fetchList(`吉安批量导入企业${stamp}号`)).total, BULK_ROWS)
    await page.locator(byId('enterprises-import-dialog-close')).click()
    await dialog.waitFor({ state: 'hidden' })
  }, server.output)
})

/** GET /api/enterprises?q= through the browser's session. */
async function fetchList(q) {
  return page.evaluate(async (query) => {
    const r = await fetch(`/api/enterprises?q=${encodeURIComponent(query)}`, { headers: { Accept: 'application/json' } })
    return r.json()
  }, q)
}

test('the filtered list exports as CSV and as xlsx', async () => {
  await withArtifacts(page, 'enterprises-export', async () => {
    await page.locator(byId('enterprises-search-q')).fill(NEW.code)
    await clickAndWaitForApi(page, page.locator(byId('enterprises-search-btn')), '/api/enterprises')
    await tableRows(page, 'enterprises-table', NEW.name).first().waitFor()

    await page.locator(byId('enterprises-export')).click()
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('enterprises-export-csv')}:visible`).click(),
    ])
    assert.match(csv.suggestedFilename(), /\.csv$/)
    const text = fs.readFileSync(await csv.path(), 'utf8')
    const lines = text.trim().split(/\r?\n/)
    assert.equal(lines.length, 2, `header and the one filtered firm: ${text}`)
    assert.ok(lines[1].includes(NEW.code) && lines[1].includes(NEW.name), lines[1])
    await waitForToast(page, '已导出')

    await page.locator(byId('enterprises-export')).click()
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('enterprises-export-xlsx')}:visible`).click(),
    ])
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
    const bytes = fs.readFileSync(await xlsx.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip')
  }, server.output)
})
