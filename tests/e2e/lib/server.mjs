// Starts the real server for a browser test and stops it afterwards:
//   $LIANZHANG_BIN serve --db <tmpdir>/e2e.db --listen 127.0.0.1:0
// with LIANZHANG_ADMIN_PASSWORD set, waits for "listening on http://127.0.0.1:PORT" and parses PORT.
// The process is killed by stop(), and also when the test process exits for any reason.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const ADMIN_LOGIN = 'admin'
export const ADMIN_PASSWORD = 'E2e-Browser-Passw0rd!'
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/

const running = new Set()
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL')
    } catch {
      /* already gone */
    }
  }
})

/**
 * @param {{adminPassword?: string, env?: Record<string,string>, startTimeoutMs?: number}} [options]
 * @returns {Promise<{baseURL: string, port: number, dir: string, output: () => string, stop: () => Promise<void>}>}
 */
export async function startServer(options = {}) {
  const bin = process.env.LIANZHANG_BIN
  if (!bin) throw new Error('LIANZHANG_BIN is not set (path of the lianzhang binary)')
  const adminPassword = options.adminPassword ?? ADMIN_PASSWORD
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-e2e-'))
  const child = spawn(bin, ['serve', '--db', path.join(dir, 'e2e.db'), '--listen', '127.0.0.1:0'], {
    env: { ...process.env, LIANZHANG_ADMIN_PASSWORD: adminPassword, ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let log = ''
  let exited = false
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true
      running.delete(child)
      resolve({ code, signal })
    })
  })

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not print "listening on" within ${options.startTimeoutMs ?? 30000} ms:\n${log}`))
    }, options.startTimeoutMs ?? 30000)
    const onData = (chunk) => {
      log += chunk.toString()
      const m = LISTENING.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => (log += chunk.toString()))
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    exitPromise.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${log}`))
    })
  }).catch(async (err) => {
    if (!exited) child.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
    throw err
  })

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM')
      const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000))
      if ((await Promise.race([exitPromise, timeout])) === 'timeout') {
        child.kill('SIGKILL')
        await exitPromise
      }
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }

  return { baseURL: `http://127.0.0.1:${port}`, port, dir, output: () => log, stop }
}
