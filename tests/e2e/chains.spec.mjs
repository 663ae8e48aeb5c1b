// Industry chains in a real browser against the real server. A small chain is arranged through the
// API: five segments (原材料 with its sub-segment 胶水 upstream, 芯片 upstream with outside firms
// only, 封装 midstream with two local firms, 整机 downstream), local firms on four of them, two outside chip makers that
// already supply local firms (one large in Guangdong, one small in Nanchang), and segment links.
// So: completeness 80% (upstream 2/3), one breakpoint (芯片), one leak (芯片).
// The chain list shows those figures; the chain map draws the segments (SVG), lists them, and a
// click on the breakpoint shows its members and the ranked targets with their reasons as
// sentences; a segment added through the dialog appears as a new breakpoint.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test chains.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import { byId, login, openFromMenu, tableRows, waitForToast, pickOption } from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const CHAIN = { name: `电子信息测试链${stamp}`, id: 0 }
const SEG = {} // name → id
const FIRM = {} // key → { id, name }

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  CHAIN.id = (await api.post('/api/chains', {
    name: CHAIN.name, region_code: '3608', target_revenue: 30_000_000_000, target_year: 2027,
    description: '浏览器测试用产业链',
  })).id
  const seg = async (name, stage, parent, sort) => {
    SEG[name] = (await api.post(`/api/chains/${CHAIN.id}/segments`, {
      name, stage, parent_id: parent ? SEG[parent] : null, industry_code: 'C39', sort_order: sort,
    })).id
  }
  await seg('原材料', 'upstream', null, 1)
  await seg('胶水', 'upstream', '原材料', 2)
  await seg('芯片', 'upstream', null, 3)
  await seg('封装', 'midstream', null, 1)
  await seg('整机', 'downstream', null, 1)
  for (const [from, to] of [['原材料', '封装'], ['胶水', '封装'], ['芯片', '封装'], ['封装', '整机']]) {
    await api.post(`/api/chains/${CHAIN.id}/segment-links`, { from_segment_id: SEG[from], to_segment_id: SEG[to] })
  }
  let serial = stamp * 10
  const firm = async (key, name, region, local, size, segment) => {
    const e = await api.post('/api/enterprises', {
      credit_code: creditCode(region, ++serial), name, region_code: region, local, size,
      revenue: 100_000_000, employees: 300, founded: '2015-03-01',
    })
    FIRM[key] = { id: e.id, name }
    await api.put(`/api/enterprises/${e.id}/memberships/${SEG[segment]}`, { role: 'member' })
  }
  await firm('material', `吉安测试材料有限公司${stamp}`, '360802', true, 'medium', '原材料')
  await api.put(`/api/enterprises/${FIRM.material.id}/memberships/${SEG['胶水']}`, { role: 'key' })
  await firm('packaging', `吉安测试封装有限公司${stamp}`, '360802', true, 'large', '封装')
  await firm('device', `吉安测试整机有限公司${stamp}`, '360803', true, 'medium', '整机')
  // Two local firms make 封装 strong (one alone would be weak).
  await api.put(`/api/enterprises/${FIRM.device.id}/memberships/${SEG['封装']}`, { role: 'member' })
  await firm('chipGd', `深圳测试芯片有限公司${stamp}`, '440305', false, 'large', '芯片')
  await firm('chipNc', `南昌测试芯片有限公司${stamp}`, '360102', false, 'small', '芯片')
  // The Guangdong chip maker already sells to two local firms: 120 + 30 万元 a year.
  await api.post('/api/supply-links', { supplier_id: FIRM.chipGd.id, buyer_id: FIRM.packaging.id, volume: 1_200_000 })
  await api.post('/api/supply-links', { supplier_id: FIRM.chipGd.id, buyer_id: FIRM.device.id, volume: 300_000 })
  await api.post('/api/supply-links', { supplier_id: FIRM.packaging.id, buyer_id: FIRM.device.id, volume: 5_000_000 })

  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

test('the chain list shows the chain with its completeness, breakpoints and leaks', async () => {
  await withArtifacts(page, 'chains-list', async () => {
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(page, 'menu-chains', '/chains')
    const row = tableRows(page, 'chains-table', CHAIN.name).first()
    await row.waitFor()
    const text = await row.innerText()
    for (const part of ['吉安市', '80%', '上游', '67%', '中游', '100%', '下游']) {
      assert.ok(text.includes(part), `row shows ${part}: ${text}`)
    }
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    assert.equal(cells[3], '5', 'segments')
    assert.equal(cells[4], '3', 'local firms')
    assert.equal((await page.locator(byId(`chains-breakpoints-${CHAIN.id}`)).innerText()).trim(), '1')
    assert.equal((await page.locator(byId(`chains-leaks-${CHAIN.id}`)).innerText()).trim(), '1')
    // The overall bar is drawn at 80%.
    const bar = page.locator(`${byId(`chains-completeness-${CHAIN.id}`)} .overall .el-progress-bar__inner`)
    assert.match(await bar.getAttribute('style'), /width:\s*80%/)
  }, server.output)
})

test('the chain map draws the stages and segments, with the summary and the gaps', async () => {
  await withArtifacts(page, 'chains-map', async () => {
    await tableRows(page, 'chains-table', CHAIN.name).first().locator('td').nth(2).click() // a row opens the map
    await page.waitForURL((url) => url.pathname === `/chains/${CHAIN.id}`)
    assert.equal((await page.locator(byId('chain-map-title')).innerText()).trim(), CHAIN.name)
    assert.match(await page.locator('.head-card').innerText(), /营收目标：300 亿元（2027 年）/)

    // The chart is an SVG with the three stage headers and every segment's box and name.
    const svg = page.locator(`${byId('chain-map-chart')} svg`)
    await svg.waitFor()
    await page.waitForFunction((sel) => {
      const text = document.querySelector(sel)?.textContent ?? ''
      return ['上游', '中游', '下游', '原材料', '胶水', '芯片', '封装', '整机'].every((s) => text.includes(s))
    }, `${byId('chain-map-chart')} svg`)
    // Health colours: one red box (芯片) and four green or amber ones; and the arrows of 4 links.
    const fills = await svg.locator('path').evaluateAll((els) => els.map((e) => e.getAttribute('fill')))
    assert.equal(fills.filter((f) => f === '#f56c6c').length >= 1, true, `a red node: ${fills}`)
    // The legend names the three kinds of health.
    const chartText = await svg.textContent()
    for (const s of ['断点', '薄弱', '较强']) assert.ok(chartText.includes(s), `legend shows ${s}`)

    // Summary cards.
    assert.match(await page.locator(byId('chain-map-completeness-overall')).innerText(), /80%[\s\S]*4\/5/)
    assert.match(await page.locator(byId('chain-map-completeness-upstream')).innerText(), /67%[\s\S]*2\/3/)
    assert.match(await page.locator(byId('chain-map-breakpoints')).innerText(), /断点\s*1/)
    assert.match(await page.locator(byId('chain-map-leaks')).innerText(), /漏点\s*1/)

    // The accessible list has the five segments, the sub-segment after its parent.
    const names = await page.locator(`${byId('chain-map-segments')} a[data-testid^="chain-segment-"]`).allInnerTexts()
    assert.deepEqual(names.map((n) => n.trim()), ['原材料', '胶水', '芯片', '封装', '整机'])
    assert.equal((await page.locator(byId(`chain-segment-health-${SEG['芯片']}`)).innerText()).trim(), '断点')

    // The gaps panel: 芯片 is a breakpoint and a leak, 100% bought from outside (150 万元 a year).
    const gap = tableRows(page, 'chain-map-gaps', '芯片')
    assert.equal(await tableRows(page, 'chain-map-gaps').count(), 1)
    const gapText = await gap.first().innerText()
    for (const part of ['断点', '漏点', '100%', '150']) assert.ok(gapText.includes(part), `gap row shows ${part}: ${gapText}`)
    await screenshot(page, 'chain-map')

    // The gaps download as a spreadsheet (the "chain map + lists" set cities publish).
    await page.locator(byId('chain-gaps-export')).click()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('chain-gaps-export-xlsx')}:visible`).click(),
    ])
    assert.match(file.suggestedFilename(), /\.xlsx$/)
    assert.equal(fs.readFileSync(await file.path()).subarray(0, 2).toString('latin1'), 'PK')
  }, server.output)
})

test('clicking the breakpoint shows its firms and the ranked targets with reasons', async () => {
  await withArtifacts(page, 'chains-targets', async () => {
    await page.locator(byId(`chain-segment-${SEG['芯片']}`)).click()
    const drawer = page.locator(byId('segment-drawer'))
    await drawer.waitFor()
    assert.equal((await drawer.locator(byId('segment-health')).innerText()).trim(), '断点')
    await tableRows(page, 'segment-members', FIRM.chipGd.name).first().waitFor()
    assert.equal(await tableRows(page, 'segment-members').count(), 2)
    assert.match(await tableRows(page, 'segment-members', FIRM.chipNc.name).first().innerText(), /外地/)

    const targets = tableRows(page, 'segment-targets')
    await targets.first().waitFor()
    assert.equal(await targets.count(), 2)
    const first = await targets.nth(0).innerText()
    assert.ok(first.startsWith('1'), first)
    assert.ok(first.includes(FIRM.chipGd.name), first)
    const reasons = await page.locator(byId(`target-reasons-${FIRM.chipGd.id}`)).innerText()
    assert.match(reasons, /已与本地 2 家企业有供货往来（合计 150 万元\/年）/)
    assert.match(reasons, /大型企业/)
    assert.match(reasons, /邻省/)
    const second = await targets.nth(1).innerText()
    assert.ok(second.includes(FIRM.chipNc.name), second)
    const reasons2 = await page.locator(byId(`target-reasons-${FIRM.chipNc.id}`)).innerText()
    assert.match(reasons2, /小型企业/)
    assert.match(reasons2, /同省/)
    assert.doesNotMatch(reasons2, /供货往来/)
    await screenshot(page, 'chain-map-targets')
    // The target list downloads too, ranked, with the reasons.
    await page.locator(byId('segment-targets-export')).click()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('segment-targets-export-csv')}:visible`).click(),
    ])
    const csv = fs.readFileSync(await file.path(), 'utf8')
    assert.ok(csv.indexOf(FIRM.chipGd.name) > 0 && csv.indexOf(FIRM.chipGd.name) < csv.indexOf(FIRM.chipNc.name), csv)

    // A strong segment has no target list.
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await page.locator(byId(`chain-segment-${SEG['封装']}`)).click()
    await drawer.waitFor()
    await tableRows(page, 'segment-members', FIRM.packaging.name).first().waitFor()
    assert.equal(await page.locator(byId('segment-targets')).count(), 0)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  }, server.output)
})

test('a click on a segment box in the chart opens that segment', async () => {
  await withArtifacts(page, 'chains-chart-click', async () => {
    const label = page.locator(`${byId('chain-map-chart')} svg text`, { hasText: /^整机/ }).first()
    const box = await label.boundingBox()
    assert.ok(box, 'the 整机 label is drawn')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    const drawer = page.locator(byId('segment-drawer'))
    await drawer.waitFor()
    await tableRows(page, 'segment-members', FIRM.device.name).first().waitFor()
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  }, server.output)
})

test('a segment added through the dialog appears as a new breakpoint', async () => {
  await withArtifacts(page, 'chains-add-segment', async () => {
    await page.locator(byId('chain-map-add-segment')).click()
    const dialog = page.locator(byId('segment-dialog'))
    await dialog.waitFor()
    await page.locator(byId('segment-form-name')).fill('整机组装')
    await pickOption(page, 'segment-form-parent', `segment-parent-option-${SEG['整机']}`)
    // The stage follows the parent.
    assert.match(await page.locator(`${byId('segment-form-stage')} .is-active`).innerText(), /下游/)
    await page.locator(byId('segment-form-industry-code')).fill('c3912')
    await page.locator(byId('segment-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })
    const row = tableRows(page, 'chain-map-segments', '整机组装')
    await row.first().waitFor()
    assert.match(await row.first().innerText(), /断点/)
    assert.match(await page.locator(byId('chain-map-breakpoints')).innerText(), /断点\s*2/)
    assert.match(await page.locator(byId('chain-map-completeness-overall')).innerText(), /67%[\s\S]*4\/6/)
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').includes('整机组装'),
      `${byId('chain-map-chart')} svg`)
  }, server.output)
})
