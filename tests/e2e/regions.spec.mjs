// Regions page in a real browser against the real server (fresh database with the GB/T 2260 regions
// of Jiangxi and the other provinces): the lazy tree opens 江西省 → 吉安市 and shows its 13 counties (children are fetched
// only on expand), the details panel shows a region's path, the name search finds 欣悦湖街道 and
// "locate" opens the tree down to it, and a community added under that township appears in the tree
// (with the code checked in the form and a duplicate code refused by the server).
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test regions.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { byId, login, openFromMenu, tableRows, waitForText, waitForToast } from './lib/ui.mjs'

let server
let browser
let page

const JIAN_COUNTIES = ['吉州区', '青原区', '吉安县', '吉水县', '峡江县', '新干县', '永丰县', '泰和县', '遂川县', '万安县',
  '安福县', '永新县', '井冈山市']
const TOWNSHIP = '360112005' // 南昌市 新建区 欣悦湖街道 (11 villages / communities in the data set)
const NEW_COMMUNITY = { code: '360112005299', name: `e2e测试社区${Date.now() % 100000}` }

const tree = () => page.locator(byId('region-tree'))
const node = (code) => tree().locator(`.el-tree-node[data-key="${code}"]`)
const childrenOf = (code) => node(code).locator(':scope > .el-tree-node__children > .el-tree-node')
const nodeLabel = (code) => node(code).locator(':scope > .el-tree-node__content .node-name')

/**
 * Expands a tree node by its arrow; waits for the lazy GET /api/regions?parent_code=CODE and the
 * children. Under load the first click can land while the parent's expand transition still moves
 * the row, so the click is repeated (a few times at most) until the node has asked for its children.
 */
async function expand(code) {
  const fetched = (r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/regions' && url.searchParams.get('parent_code') === code
  }
  let req = null
  for (let attempt = 0; attempt < 3 && !req; attempt++) {
    const waiting = page.waitForRequest(fetched, { timeout: 5000 }).catch(() => null)
    await node(code).locator(':scope > .el-tree-node__content .el-tree-node__expand-icon').click()
    req = await waiting
  }
  assert.ok(req, `expanding ${code} fetched its children`)
  await childrenOf(code).first().waitFor()
  assert.equal(await node(code).getAttribute('aria-expanded'), 'true')
}

async function childNames(code) {
  return childrenOf(code).locator(':scope > .el-tree-node__content .node-name').allInnerTexts()
}

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

test('the region tree lists the 31 provinces and lazily expands 江西省 → 吉安市 and lists its 13 counties', async () => {
  await withArtifacts(page, 'regions-tree', async () => {
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(page, 'menu-regions', '/org/regions')

    // Only the provinces are loaded at first: Jiangxi down to communities, the other 30 to counties.
    await node('36').waitFor()
    assert.equal(await tree().locator(':scope > .el-tree-node').count(), 31)
    assert.equal((await nodeLabel('36').innerText()).trim(), '江西省')
    assert.equal(await node('3608').count(), 0, 'cities are not loaded before 江西省 is expanded')

    await expand('36')
    const cities = await childNames('36')
    assert.equal(cities.length, 11, `江西省 has 11 cities, the tree shows: ${cities.join(' ')}`)
    assert.ok(cities.includes('吉安市') && cities.includes('南昌市'))
    assert.equal(await node('360802').count(), 0, 'counties are not loaded before 吉安市 is expanded')

    await expand('3608')
    const counties = await childNames('3608')
    assert.equal(counties.length, 13, `吉安市 has 13 counties, the tree shows: ${counties.join(' ')}`)
    assert.deepEqual([...counties].sort(), [...JIAN_COUNTIES].sort())
    assert.ok(await nodeLabel('360802').isVisible(), '吉州区 is visible')
    assert.ok(await nodeLabel('360881').isVisible(), '井冈山市 is visible')
    assert.equal((await nodeLabel('360881').innerText()).trim(), '井冈山市')
    // Level tag next to a county.
    assert.match(await node('360881').locator(':scope > .el-tree-node__content').innerText(), /县（区）/)

    // Clicking a node shows its details.
    await nodeLabel('3608').click()
    const detail = page.locator(byId('region-detail'))
    await waitForText(detail, '3608')
    const text = await detail.innerText()
    assert.match(text, /吉安市/)
    assert.match(text, /下级数\s*13/)
    assert.match(text, /江西省\s*›\s*吉安市/)
    // Admin (org:region:write) is offered "add community" only on townships, not on a city.
    assert.equal(await page.locator(byId('region-detail-add')).count(), 0)
    assert.equal(await tree().locator('[data-testid^="region-add-"]').count(), 0)
  }, server.output)
})

test('searching by name finds 欣悦湖街道 and "locate" opens the tree down to it', async () => {
  await withArtifacts(page, 'regions-search', async () => {
    await page.locator(byId('regions-search-q')).fill('欣悦湖')
    await page.locator(byId('regions-search-btn')).click()
    const rows = tableRows(page, 'regions-results')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 1)
    const row = await rows.first().innerText()
    assert.match(row, /欣悦湖街道/)
    assert.match(row, /乡镇（街道）/)
    assert.match(row, new RegExp(TOWNSHIP))

    await rows.first().getByRole('button', { name: '定位' }).click()
    await node(TOWNSHIP).locator(':scope.is-current').waitFor()
    assert.ok(await nodeLabel(TOWNSHIP).isVisible())
    for (const code of ['36', '3601', '360112']) {
      assert.equal(await node(code).getAttribute('aria-expanded'), 'true', `${code} is expanded`)
    }
    const detail = page.locator(byId('region-detail'))
    await waitForText(detail, TOWNSHIP)
    assert.match(await detail.innerText(), /江西省\s*›\s*南昌市\s*›\s*新建区\s*›\s*欣悦湖街道/)
    // A township offers "add community", in the tree and in the details.
    assert.ok(await page.locator(byId(`region-add-${TOWNSHIP}`)).isVisible())
    assert.ok(await page.locator(byId('region-detail-add')).isVisible())
  }, server.output)
})

test('a community added under 欣悦湖街道 appears in the tree', async () => {
  await withArtifacts(page, 'regions-add-community', async () => {
    const dialog = page.locator(byId('region-dialog'))
    await expand(TOWNSHIP)
    const before = await childNames(TOWNSHIP)
    assert.equal(before.length, 11)
    assert.ok(!before.includes(NEW_COMMUNITY.name))

    await page.locator(byId(`region-add-${TOWNSHIP}`)).click()
    await dialog.waitFor()
    assert.match(await dialog.innerText(), /在“欣悦湖街道”下新增社区/)
    assert.equal(await page.locator(byId('region-form-code')).inputValue(), TOWNSHIP)

    // A code outside the township is refused by the form before anything is sent.
    await page.locator(byId('region-form-code')).fill('360112006001')
    await page.locator(byId('region-form-name')).fill(NEW_COMMUNITY.name)
    await page.locator(byId('region-form-save')).click()
    await waitForText(dialog.locator('.el-form-item__error'), `区划代码应为以 ${TOWNSHIP} 开头的 12 位数字`)

    // An existing code is refused by the server, shown on the code field.
    await page.locator(byId('region-form-code')).fill('360112005200')
    const [dup] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/regions' && r.request().method() === 'POST'),
      page.locator(byId('region-form-save')).click(),
    ])
    assert.equal(dup.status(), 409)
    await dialog.locator('.el-form-item__error').first().waitFor()
    assert.ok(await dialog.isVisible(), 'the dialog stays open after a refused save')

    await page.locator(byId('region-form-code')).fill(NEW_COMMUNITY.code)
    await page.locator(byId('region-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    await node(NEW_COMMUNITY.code).waitFor()
    assert.equal((await nodeLabel(NEW_COMMUNITY.code).innerText()).trim(), NEW_COMMUNITY.name)
    assert.ok(await nodeLabel(NEW_COMMUNITY.code).isVisible())
    const after = await childNames(TOWNSHIP)
    assert.equal(after.length, 12)
    assert.ok(after.includes(NEW_COMMUNITY.name))
    // The new node is selected and described.
    await node(NEW_COMMUNITY.code).locator(':scope.is-current').waitFor()
    const detail = page.locator(byId('region-detail'))
    await waitForText(detail, NEW_COMMUNITY.code)
    const text = await detail.innerText()
    assert.match(text, /社区（村）/)
    assert.match(text, new RegExp(`欣悦湖街道\\s*›\\s*${NEW_COMMUNITY.name}`))

    // It is really stored: a search by its name finds it after a reload.
    await page.reload()
    await page.locator(byId('regions-search-q')).fill(NEW_COMMUNITY.name)
    await page.locator(byId('regions-search-btn')).click()
    const rows = tableRows(page, 'regions-results', NEW_COMMUNITY.name)
    await rows.first().waitFor()
    assert.match(await rows.first().innerText(), new RegExp(NEW_COMMUNITY.code))
  }, server.output)
})
