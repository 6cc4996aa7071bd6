/** Types of usage.mjs: the emulator's `usage`, by Seedance's billing rule. */
export interface UsageContext {
  uploads: ReadonlyArray<{ assetId: string; seconds?: number }>
}
export function mp4Seconds(data: Buffer): number | undefined
export function tokensOf(ctx: UsageContext, request: { media?: unknown; size?: string; ratio?: string; seconds?: string }): number
export function usageOf(
  ctx: UsageContext,
  task: { tags: Record<string, unknown>; request: object }
): { completion_tokens: number | string; total_tokens: number | string } | undefined
