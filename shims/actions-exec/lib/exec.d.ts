export declare function exec(commandLine: string, args?: string[], options?: unknown): Promise<number>
export declare function getExecOutput(
  commandLine: string,
  args?: string[],
  options?: unknown
): Promise<{ exitCode: number; stdout: string; stderr: string }>
