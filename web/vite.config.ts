// Vite build of the lianzhang web UI. Output goes to web/dist (embedded in the server binary and served
// at "/"), with hashed file names under dist/assets. In development `npm run dev` proxies /api and
// /healthz to a server on 127.0.0.1:8080.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const backend = process.env.LIANZHANG_DEV_BACKEND || 'http://127.0.0.1:8080'

// Split vendor code into a few long-lived chunks (vue, vue-i18n, element-plus).
// The app's own pages and components are small: one 'views' chunk rather than a file per page.
// ECharts is heavy: it and the pages drawing with it are lazy chunks of their own ('echarts',
// 'charts'), loaded only when such a page is opened.
const CHART_MODULES = /[\\/]src[\\/](views[\\/]chain[\\/]ChainMap\.vue|views[\\/]case[\\/]CaseKpi\.vue|views[\\/]cockpit[\\/]|components[\\/](EChart|ChainMapChart)\.vue|utils[\\/]echarts\.ts)/

function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) {
    if (CHART_MODULES.test(id)) return 'charts'
    // Modules the chart pages share with the others (API, i18n, session, Vue's SFC helper) go with the
    // views: left to Rollup they were pulled into 'charts', which 'views' then imported back (a circular
    // chunk, whose evaluation order broke the start-up).
    if (/[\\/]src[\\/](api|i18n)[\\/]|[\\/]src[\\/]session\.ts$|plugin-vue:export-helper/.test(id)) return 'views'
    return /[\\/]src[\\/](views|components|composables|utils)[\\/]/.test(id) ? 'views' : undefined
  }
  if (/[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/.test(id)) return 'echarts'
  if (/[\\/]node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@ctrl|@vueuse|async-validator|dayjs|lodash-es|lodash-unified|lodash|memoize-one|normalize-wheel-es)[\\/]/.test(id)) {
    return 'element-plus'
  }
  if (/[\\/]node_modules[\\/](vue-i18n|@intlify)[\\/]/.test(id)) return 'vue-i18n'
  if (/[\\/]node_modules[\\/](vue|@vue|vue-router)[\\/]/.test(id)) return 'vue'
  return 'vendor'
}

export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks,
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
})
