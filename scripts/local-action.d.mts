export const LOCAL_ACTION_VERSION: string
/** The path of local-action's CLI, installed first (pinned, under node_modules/.cache/local-action) if it is not there yet. */
export function ensureLocalAction(): string
/** The CLI's arguments (the repository and the env file as absolute paths) and the folder to run it in. */
export function localActionCommand(envFile: string): { args: string[]; cwd: string }
