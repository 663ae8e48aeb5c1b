// Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core; nothing is downloaded.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out')

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
}

/** Saves a full-page screenshot to tests/e2e/out/<name>.png; never throws. */
export async function screenshot(page, name) {
  try {
    fs.mkdirSync(OUT_DIR, { recursive: true })
    const file = path.join(OUT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`)
    await page.screenshot({ path: file, fullPage: true })
    return file
  } catch {
    return null
  }
}

/**
 * Runs a test body; on failure saves a screenshot (and the server's output, when given) to out/ and
 * rethrows.
 */
export async function withArtifacts(page, name, fn, serverOutput) {
  try {
    await fn()
  } catch (err) {
    const file = await screenshot(page, name)
    if (file) console.error(`screenshot: ${file}`)
    if (serverOutput) {
      fs.mkdirSync(OUT_DIR, { recursive: true })
      fs.writeFileSync(path.join(OUT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.server.log`), serverOutput())
    }
    throw err
  }
}

/**
 * A page in a fresh browser context (own cookies and localStorage: a separate signed-in user),
 * Chinese locale, desktop viewport, 15 s default timeout. `options` go to the context (e.g.
 * timezoneId: 'Asia/Shanghai', where "today" must be the server's China Standard Time day).
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}
