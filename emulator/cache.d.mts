export interface CacheEntry {
  key: string
  version: string
  blob: Buffer | undefined
  finalized: boolean
  seq: number
}

export interface CacheService {
  /** 'ok' (default), 'fail' (every request answers 500) or 'down' (connections are dropped). */
  mode: 'ok' | 'fail' | 'down'
  /** Key prefixes whose service calls answer 400 `invalid_argument` (a 4xx the toolkit does not retry). */
  rejectKeys: string[]
  /** Service calls for keys starting with `prefix` wait (the request is read, not answered) until the returned function is called, or close(). */
  hold(prefix: string): () => void
  token: string
  url: string
  /** What `@actions/cache` reads from the runner's environment. */
  env: { ACTIONS_RESULTS_URL: string; ACTIONS_RUNTIME_TOKEN: string; ACTIONS_CACHE_SERVICE_V2: string }
  entries: Map<string, CacheEntry>
  saved: { key: string; version: string; bytes: number }[]
  restored: { requestedKey: string; matchedKey: string; version: string }[]
  requests: { method: string | undefined; path: string }[]
  close(): Promise<void>
}

export function startCacheService(options?: { token?: string }): Promise<CacheService>
