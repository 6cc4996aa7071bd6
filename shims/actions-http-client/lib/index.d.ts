export declare class HttpClient {
  constructor(userAgent?: string, handlers?: unknown[], options?: unknown)
  getJson<T>(url: string): Promise<{ statusCode: number; result: T | null }>
}
